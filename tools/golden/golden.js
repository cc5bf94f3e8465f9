#!/usr/bin/env node
// Golden outputs of @vladmandic/face-api 1.7.15 (the reference fer4j's face pipeline must match).
//
// Runs the package itself on Node with the pure-JS tfjs CPU backend (or the wasm backend) on
// JPEG photos decoded with jpeg-js, and writes boxes, scores, 68 landmarks, expression
// probabilities and age/gender as JSON. Used by fer4j's FaceApiParityTest (golden file) and by
// bench/face (timing peer). Never on fer4j's runtime path.
//
// usage: node golden.js --weights DIR --images DIR [--out FILE] [--backend cpu|wasm]
//                       [--detector tiny|ssd] [--input-size 416] [--min-score 0.5]
//                       [--repeat N]   (N > 0: time N passes over all images, print images/s with
//                                       and without JPEG decoding, two JSON lines)
//                       [--age-gender 0] (leave the age/gender net out)
//                       [--dump-rgb DIR] (also write each decoded photo as raw RGB bytes, FILE.rgb,
//                                         so fer4j can be fed exactly the pixels face-api saw)
'use strict';

const fs = require('fs');
const path = require('path');
const jpeg = require('jpeg-js');
const tf = require('@tensorflow/tfjs');
const wasm = require('@tensorflow/tfjs-backend-wasm');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');

function parseArgs(argv) {
  const args = {
    backend: 'cpu', detector: 'tiny', inputSize: 416, minScore: 0.5, repeat: 0, out: null, dumpRgb: null, ageGender: true,
  };
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`flag --${key} needs a value`);
    if (key === 'weights') args.weights = value;
    else if (key === 'images') args.images = value;
    else if (key === 'out') args.out = value;
    else if (key === 'backend') args.backend = value;
    else if (key === 'detector') args.detector = value;
    else if (key === 'input-size') args.inputSize = Number(value);
    else if (key === 'min-score') args.minScore = Number(value);
    else if (key === 'repeat') args.repeat = Number(value);
    else if (key === 'dump-rgb') args.dumpRgb = value;
    else if (key === 'age-gender') args.ageGender = value !== '0' && value !== 'false';
    else throw new Error(`unknown flag --${key}`);
  }
  if (!args.weights || !args.images) throw new Error('--weights DIR and --images DIR are required');
  return args;
}

// RGB int32 tensor [h, w, 3] from a JPEG file, the way the package's own Node demos feed it.
function readImage(file) {
  const decoded = jpeg.decode(fs.readFileSync(file), { useTArray: true, formatAsRGBA: true });
  const { width, height, data } = decoded;
  const rgb = new Int32Array(width * height * 3);
  for (let p = 0, q = 0; p < width * height; p += 1, q += 4) {
    rgb[p * 3] = data[q];
    rgb[p * 3 + 1] = data[q + 1];
    rgb[p * 3 + 2] = data[q + 2];
  }
  return tf.tensor3d(rgb, [height, width, 3], 'int32');
}

async function setBackend(name) {
  if (name === 'wasm') {
    // Local binaries from node_modules: nothing is fetched at run time.
    const dir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/');
    wasm.setWasmPaths(dir, false);
  }
  await tf.setBackend(name);
  await tf.ready();
}

async function loadNets(dir, detector) {
  if (detector === 'ssd') await faceapi.nets.ssdMobilenetv1.loadFromDisk(dir);
  else await faceapi.nets.tinyFaceDetector.loadFromDisk(dir);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(dir);
  await faceapi.nets.faceExpressionNet.loadFromDisk(dir);
  await faceapi.nets.ageGenderNet.loadFromDisk(dir);
}

function detectorOptions(args) {
  return args.detector === 'ssd'
    ? new faceapi.SsdMobilenetv1Options({ minConfidence: args.minScore, maxResults: 100 })
    : new faceapi.TinyFaceDetectorOptions({ inputSize: args.inputSize, scoreThreshold: args.minScore });
}

async function analyse(tensor, options, ageGender = true) {
  const task = faceapi.detectAllFaces(tensor, options).withFaceLandmarks().withFaceExpressions();
  return ageGender ? task.withAgeAndGender() : task;
}

function toRecord(face) {
  const { box } = face.detection;
  const aligned = face.alignedRect.box;
  return {
    score: face.detection.score,
    box: { x: box.x, y: box.y, width: box.width, height: box.height },
    alignedBox: { x: aligned.x, y: aligned.y, width: aligned.width, height: aligned.height },
    landmarks: face.landmarks.positions.map((p) => [p.x, p.y]),
    expressions: { ...face.expressions },
    age: face.age,
    gender: face.gender,
    genderProbability: face.genderProbability,
  };
}

async function main() {
  const args = parseArgs(process.argv);
  await setBackend(args.backend);
  await loadNets(args.weights, args.detector);
  const files = fs.readdirSync(args.images).filter((f) => /\.jpe?g$/i.test(f)).sort();
  const options = detectorOptions(args);
  if (args.repeat > 0) {
    await timeRuns(args, files, options);
    return;
  }
  const images = [];
  for (const file of files) {
    const tensor = readImage(path.join(args.images, file));
    if (args.dumpRgb) fs.writeFileSync(path.join(args.dumpRgb, `${file}.rgb`), Buffer.from(tensor.dataSync()));
    const faces = await analyse(tensor, options);
    images.push({ file, width: tensor.shape[1], height: tensor.shape[0], faces: faces.map(toRecord) });
    tf.dispose(tensor);
  }
  const result = {
    package: '@vladmandic/face-api', version: faceapi.version, tfjs: tf.version_core,
    backend: tf.getBackend(), detector: args.detector, inputSize: args.inputSize,
    minScore: args.minScore, images,
  };
  const json = JSON.stringify(result, null, 1);
  if (args.out) fs.writeFileSync(args.out, json);
  else process.stdout.write(json + '\n');
}

// Timed passes, one warm-up pass first, printed as two JSON lines: the whole pipeline per pass with
// JPEG decoding (jpeg-js) included ("decode":true), then the same passes over tensors decoded once
// beforehand ("decode":false: the networks with their pre- and post-processing only). fer4j's
// FaceBench prints the same two lines, so each ratio compares equal work.
async function timeRuns(args, files, options) {
  const withDecode = async () => {
    for (const file of files) {
      const tensor = readImage(path.join(args.images, file));
      await analyse(tensor, options, args.ageGender);
      tf.dispose(tensor);
    }
  };
  await withDecode();
  printTiming(args, files.length, true, await timed(args.repeat, withDecode));
  const tensors = files.map((file) => readImage(path.join(args.images, file)));
  const decoded = async () => {
    for (const tensor of tensors) await analyse(tensor, options, args.ageGender);
  };
  printTiming(args, files.length, false, await timed(args.repeat, decoded));
  tf.dispose(tensors);
}

// Wall and CPU seconds of `repeat` calls of `pass`. CPU time is the process's (user + system):
// on a shared machine it moves less than wall time.
async function timed(repeat, pass) {
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < repeat; i += 1) await pass();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

function printTiming(args, perPass, decode, { seconds, cpuSeconds }) {
  const images = perPass * args.repeat;
  process.stdout.write(JSON.stringify({
    runtime: 'face-api.js', backend: tf.getBackend(), detector: args.detector, decode, images, seconds,
    imagesPerSecond: images / seconds, cpuSeconds, imagesPerCpuSecond: images / cpuSeconds,
  }) + '\n');
}

main().catch((e) => {
  process.stderr.write(`golden: ${e.stack || e}\n`);
  process.exit(1);
});
