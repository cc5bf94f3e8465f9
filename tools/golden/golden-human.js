#!/usr/bin/env node
// Golden outputs of @vladmandic/human 3.3.6's emotion and faceres networks (the reference fer4j's
// TF.js graph interpreter must match), on the faces face-api found in the six sample photos.
//
// Human itself loads both models (its own loader, src/tfjs/load.ts, fed from disk) and runs them
// with its bundled tfjs on the pure-JS CPU backend. Each face is prepared the way Human prepares
// one, with Human's own tf: the face tensor is cutAndResize (src/face/facemeshutil.ts) of the face
// box to Human's 192x192 face size, divided by 255; emotion then resizes it bilinearly to 64x64,
// weights R,G,B by 0.2989/0.5870/0.1140, sums, and maps g to (g - 0.5) * 2 (src/gear/emotion.ts);
// faceres resizes it bilinearly to 224x224 and multiplies by 255 (src/face/faceres.ts, enhance).
// Human's face box comes from its own mesh model; here it is face-api's detection box made square
// (side max(width, height), same centre), so both toolkits see the same pixels.
//
// Writes, per face, the model inputs as raw little-endian float32 NHWC files (FACE.emotion.f32,
// FACE.faceres.f32; FACE.face.f32 is the 192x192 face tensor) and one JSON with the outputs.
//
// usage: node golden-human.js --models DIR --faceapi-golden FILE --rgb DIR --out DIR
'use strict';

const fs = require('fs');
const path = require('path');
// The package's exports map lists this build under a key npm cannot resolve, so it is loaded by path.
const H = require(path.join(__dirname, 'node_modules/@vladmandic/human/dist/human.node-wasm.js'));
require('@tensorflow/tfjs-backend-cpu'); // registers 'cpu' with the tfjs-core Human's node build uses

const FACE_SIZE = 192; // Human's face tensor: facemesh's input size (models' facemesh.json, 192x192)

function parseArgs(argv) {
  const args = {};
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (argv[i + 1] === undefined) throw new Error(`flag --${key} needs a value`);
    if (['models', 'faceapi-golden', 'rgb', 'out'].includes(key)) args[key] = argv[i + 1];
    else throw new Error(`unknown flag --${key}`);
  }
  for (const k of ['models', 'faceapi-golden', 'rgb', 'out']) if (!args[k]) throw new Error(`--${k} is required`);
  return args;
}

// Human's loader fetches model.json and .bin through fetch(); Node's fetch has no file://, so
// file URLs are served from disk here (nothing else changes in Human's loading path).
function serveFilesFromDisk() {
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url, init) => {
    const u = String(url);
    if (!u.startsWith('file://')) return realFetch(url, init);
    const bytes = fs.readFileSync(new URL(u));
    const type = u.endsWith('.json') ? 'application/json' : 'application/octet-stream';
    return new Response(bytes, { status: 200, headers: { 'Content-Type': type } });
  };
}

// Corner and side rounded to float32, as fer4j holds a face box, so both start from the same box.
function squareBox(box) {
  const side = Math.fround(Math.max(box.width, box.height));
  const x = Math.fround(box.x + box.width / 2 - side / 2);
  const y = Math.fround(box.y + box.height / 2 - side / 2);
  return { startPoint: [x, y], endPoint: [x + side, y + side] };
}

// Human's src/face/facemeshutil.ts cutAndResize, verbatim but for the tf handle.
function cutAndResize(tf, box, image, cropSize) {
  const h = image.shape[1];
  const w = image.shape[2];
  const cutBox = [box.startPoint[1] / h, box.startPoint[0] / w, box.endPoint[1] / h, box.endPoint[0] / w];
  const crop = tf.image.cropAndResize(image, [cutBox], [0], cropSize);
  const norm = tf.div(crop, 255);
  tf.dispose(crop);
  return norm;
}

// Human's src/gear/emotion.ts preprocessing for its grey (1-channel) model, crop option off.
function emotionInput(tf, face, inputSize) {
  const resize = tf.image.resizeBilinear(face, [inputSize, inputSize], false);
  const channels = tf.mul(resize, tf.tensor1d([0.2989, 0.5870, 0.1140], 'float32'));
  const grayscale = tf.sum(channels, 3, true);
  return tf.mul(tf.sub(grayscale, tf.scalar(0.5)), tf.scalar(2.0));
}

// Human's src/face/faceres.ts enhance(), crop option off.
function faceresInput(tf, face, model) {
  const shape = model.inputs[0].shape;
  const crop = tf.image.resizeBilinear(face, [shape[2], shape[1]], false);
  return tf.mul(crop, tf.scalar(255.0));
}

function write(file, tensor) {
  fs.writeFileSync(file, Buffer.from(tensor.dataSync().buffer));
}

async function main() {
  const args = parseArgs(process.argv);
  serveFilesFromDisk();
  const human = new H.Human({
    backend: 'cpu', modelBasePath: `file://${path.resolve(args.models)}/`, debug: false, cacheModels: false,
    face: { enabled: true, detector: { enabled: false }, mesh: { enabled: false }, iris: { enabled: false },
      emotion: { enabled: true, modelPath: 'emotion.json' }, description: { enabled: true, modelPath: 'faceres.json' } },
    body: { enabled: false }, hand: { enabled: false }, object: { enabled: false }, gesture: { enabled: false },
    segmentation: { enabled: false },
  });
  await human.load();
  await human.tf.setBackend('cpu');
  await human.tf.ready();
  const { tf } = human;
  const emotion = human.models.models.emotion;
  const faceres = human.models.models.faceres;
  if (!emotion || !faceres) throw new Error('Human did not load emotion.json and faceres.json');
  const faceapi = JSON.parse(fs.readFileSync(args['faceapi-golden'], 'utf8'));
  fs.mkdirSync(args.out, { recursive: true });
  const faces = [];
  for (const image of faceapi.images) {
    const rgb = fs.readFileSync(path.join(args.rgb, `${image.file}.rgb`));
    const photo = tf.tensor4d(Int32Array.from(rgb), [1, image.height, image.width, 3], 'int32');
    image.faces.forEach((f, index) => {
      const id = `${image.file}.${index}`;
      const box = squareBox(f.box);
      const face = cutAndResize(tf, box, photo, [FACE_SIZE, FACE_SIZE]);
      const eIn = emotionInput(tf, face, emotion.inputs[0].shape[2]);
      const fIn = faceresInput(tf, face, faceres);
      const eOut = emotion.execute(eIn);
      const fOut = faceres.execute(fIn);
      const pick = (n) => Array.from(fOut.find((t) => t.shape[1] === n).dataSync());
      write(path.join(args.out, `${id}.face.f32`), face);
      write(path.join(args.out, `${id}.emotion.f32`), eIn);
      write(path.join(args.out, `${id}.faceres.f32`), fIn);
      faces.push({
        id, file: image.file, width: image.width, height: image.height, index, box: { x: box.startPoint[0], y: box.startPoint[1], side: box.endPoint[0] - box.startPoint[0] },
        emotion: Array.from(eOut.dataSync()), descriptor: pick(1024), gender: pick(1)[0], age: pick(100),
      });
      tf.dispose([face, eIn, fIn, eOut, ...fOut]);
    });
    tf.dispose(photo);
  }
  const result = {
    package: '@vladmandic/human', version: human.version, tfjs: tf.version_core, backend: tf.getBackend(),
    faceSize: FACE_SIZE, emotionLabels: ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'], faces,
  };
  fs.writeFileSync(path.join(args.out, 'human-cpu.json'), JSON.stringify(result));
}

main().catch((e) => {
  process.stderr.write(`golden-human: ${e.stack || e}\n`);
  process.exit(1);
});
