// fer4j web page: upload or webcam -> POST /api/v1/analyze -> boxes, landmarks and bars.
// Plain browser APIs only; every asset comes from this server (see the CSP header).
(function () {
  'use strict';
  const canvas = document.getElementById('view');
  const ctx = canvas.getContext('2d');
  const statusLine = document.getElementById('status');
  const facesPanel = document.getElementById('faces');
  const fileInput = document.getElementById('file');
  const drop = document.getElementById('drop');
  const explain = document.getElementById('explain');
  const webcamButton = document.getElementById('webcam');
  const video = document.getElementById('video');
  const WEBCAM_INTERVAL_MS = 1000; // a modest frame rate keeps the queue short
  let webcamTimer = null;
  let busy = false;

  function say(text, isError) {
    statusLine.textContent = text;
    statusLine.classList.toggle('error', Boolean(isError));
  }

  async function checkReady() {
    try {
      const r = await fetch('/ready');
      const body = await r.json();
      say(r.ok ? 'Model ready: ' + body.model : 'Not ready: ' + body.detail, !r.ok);
    } catch (e) {
      say('The server does not answer.', true);
    }
  }

  async function analyze(blob, name) {
    const form = new FormData();
    form.append('image', blob, name);
    const url = '/api/v1/analyze' + (explain.checked ? '?explain=true' : '');
    const r = await fetch(url, { method: 'POST', body: form });
    const body = await r.json();
    if (!r.ok) {
      throw new Error(body.error + ': ' + body.detail);
    }
    return body;
  }

  function drawResult(source, result) {
    canvas.width = source.width;
    canvas.height = source.height;
    ctx.drawImage(source, 0, 0);
    const line = Math.max(2, Math.round(source.width / 320));
    result.faces.forEach((face, i) => {
      const b = face.box;
      ctx.strokeStyle = '#2af07a';
      ctx.lineWidth = line;
      ctx.strokeRect(b.x, b.y, b.width, b.height);
      ctx.fillStyle = '#ffd23f';
      for (const p of face.landmarks) {
        ctx.fillRect(p[0] - line / 2, p[1] - line / 2, line, line);
      }
      const label = (i + 1) + ': ' + face.expression + ' ' + Math.round(face.expressions[face.expression] * 100) + '%';
      ctx.font = Math.max(14, Math.round(source.width / 40)) + 'px sans-serif';
      const w = ctx.measureText(label).width + 8;
      const h = Math.max(18, Math.round(source.width / 32));
      ctx.fillStyle = 'rgba(0,0,0,0.65)';
      ctx.fillRect(b.x, Math.max(0, b.y - h), w, h);
      ctx.fillStyle = '#fff';
      ctx.fillText(label, b.x + 4, Math.max(h - 5, b.y - 5));
    });
  }

  function showFaces(result) {
    facesPanel.replaceChildren();
    if (result.faces.length === 0) {
      const p = document.createElement('p');
      p.textContent = 'No face found.';
      facesPanel.appendChild(p);
      return;
    }
    result.faces.forEach((face, i) => facesPanel.appendChild(faceCard(face, i)));
  }

  function faceCard(face, i) {
    const card = document.createElement('div');
    card.className = 'face';
    const title = document.createElement('h2');
    title.textContent = 'Face ' + (i + 1) + ': ' + face.expression;
    card.appendChild(title);
    if (face.gender) {
      const meta = document.createElement('div');
      meta.className = 'meta';
      meta.textContent = 'age ' + face.age.toFixed(0) + ', ' + face.gender + ' (' + Math.round(face.genderProbability * 100) + '%)';
      card.appendChild(meta);
    }
    Object.entries(face.expressions).forEach(([name, p]) => {
      const row = document.createElement('div');
      row.className = 'bar' + (name === face.expression ? ' top' : '');
      row.dataset.expression = name;
      const label = document.createElement('span');
      label.textContent = name;
      const track = document.createElement('span');
      track.className = 'track';
      const fill = document.createElement('span');
      fill.className = 'fill';
      fill.style.display = 'block';
      fill.style.width = (p * 100).toFixed(1) + '%';
      track.appendChild(fill);
      const value = document.createElement('span');
      value.textContent = (p * 100).toFixed(1) + '%';
      row.append(label, track, value);
      card.appendChild(row);
    });
    if (face.gradCam) {
      const img = document.createElement('img');
      img.className = 'cam';
      img.alt = 'Grad-CAM of face ' + (i + 1);
      img.src = 'data:image/png;base64,' + face.gradCam;
      card.appendChild(img);
    }
    return card;
  }

  async function handleFile(file) {
    if (!file) {
      return;
    }
    say('Analysing ' + file.name + '...');
    try {
      const bitmap = await createImageBitmap(file);
      const result = await analyze(file, file.name);
      drawResult(bitmap, result);
      showFaces(result);
      say(result.faces.length + ' face(s) in ' + file.name + ' (' + result.width + 'x' + result.height + ')');
    } catch (e) {
      say(e.message, true);
    }
  }

  async function sendFrame() {
    if (busy || video.readyState < 2) {
      return;
    }
    busy = true;
    const frame = document.createElement('canvas');
    frame.width = video.videoWidth;
    frame.height = video.videoHeight;
    frame.getContext('2d').drawImage(video, 0, 0);
    try {
      const blob = await new Promise((resolve) => frame.toBlob(resolve, 'image/jpeg', 0.85));
      const result = await analyze(blob, 'webcam.jpg');
      drawResult(frame, result);
      showFaces(result);
      say('Webcam: ' + result.faces.length + ' face(s)');
    } catch (e) {
      say(e.message, true);
    } finally {
      busy = false;
    }
  }

  async function toggleWebcam() {
    if (webcamTimer) {
      clearInterval(webcamTimer);
      webcamTimer = null;
      if (video.srcObject) {
        video.srcObject.getTracks().forEach((t) => t.stop());
        video.srcObject = null;
      }
      webcamButton.textContent = 'Start webcam';
      return;
    }
    try {
      video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
      await video.play();
      webcamTimer = setInterval(sendFrame, WEBCAM_INTERVAL_MS);
      webcamButton.textContent = 'Stop webcam';
    } catch (e) {
      say('Webcam unavailable: ' + e.message, true);
    }
  }

  fileInput.addEventListener('change', () => handleFile(fileInput.files[0]));
  webcamButton.addEventListener('click', toggleWebcam);
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    handleFile(e.dataTransfer.files[0]);
  });
  checkReady();
})();
