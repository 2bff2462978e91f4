// A demo's picture, drawn in the browser: the figure's background (a PNG that matplotlib
// made once) and, over it, the marks the kernel sends on every change (see marks.py for
// their format). One message per change; marks arriving faster than the screen refreshes
// are drawn once, the latest. Pictures the kernel computed ahead, for the next values of
// the slider being moved, are shown as soon as the slider gets there (see ahead.py).

function floats(view) {
  return new Float32Array(view.buffer, view.byteOffset, view.byteLength / 4);
}

function tracePolyline(ctx, xy, closed) {
  ctx.moveTo(xy[0], xy[1]);
  for (let i = 2; i < xy.length; i += 2) ctx.lineTo(xy[i], xy[i + 1]);
  if (closed) ctx.closePath();
}

// Diagonal hatching like matplotlib's "//": lines every 6 px, in the given colour.
function hatching(ctx, color) {
  const tile = document.createElement("canvas");
  tile.width = tile.height = 6;
  const t = tile.getContext("2d");
  t.strokeStyle = color;
  t.lineWidth = 1;
  t.beginPath();
  t.moveTo(-1, 7);
  t.lineTo(7, -1);
  t.stroke();
  return ctx.createPattern(tile, "repeat");
}

function drawPath(ctx, mark) {
  ctx.beginPath();
  for (const part of mark.parts) {
    const xy = floats(part);
    if (xy.length >= 2) tracePolyline(ctx, xy, mark.closed);
  }
  if (mark.fill) {
    ctx.fillStyle = mark.fill;
    ctx.fill();
  }
  if (mark.hatch) {
    ctx.fillStyle = hatching(ctx, mark.hatch);
    ctx.fill();
  }
  if (mark.stroke && mark.width > 0) {
    ctx.strokeStyle = mark.stroke;
    ctx.lineWidth = mark.width;
    ctx.lineJoin = "round";
    ctx.lineCap = mark.dash && mark.dash.length ? "butt" : "round";
    ctx.setLineDash(mark.dash || []);
    ctx.stroke();
    ctx.setLineDash([]);
  }
}

function drawMarkers(ctx, mark) {
  const shape = floats(mark.shape);
  const at = floats(mark.at);
  const each = (style, i) => (Array.isArray(style) ? style[i] : style);
  ctx.lineWidth = mark.width;
  for (let i = 0; i < at.length / 2; i++) {
    ctx.save();
    ctx.translate(at[2 * i], at[2 * i + 1]);
    ctx.beginPath();
    tracePolyline(ctx, shape, true);
    const fill = each(mark.fill, i);
    const stroke = each(mark.stroke, i);
    if (fill) {
      ctx.fillStyle = fill;
      ctx.fill();
    }
    if (stroke && mark.width > 0) {
      ctx.strokeStyle = stroke;
      ctx.stroke();
    }
    ctx.restore();
  }
}

function drawText(ctx, mark) {
  const lines = mark.text.split("\n");
  const height = 1.2 * mark.size;
  ctx.font = `${mark.weight} ${mark.size}px ${mark.font}`;
  ctx.textAlign = mark.align;
  ctx.textBaseline = "middle";
  // The block's first line centre, from where its anchor is.
  const block = height * lines.length;
  const top = {
    top: mark.y,
    middle: mark.y - block / 2,
    bottom: mark.y - block,
    alphabetic: mark.y - block + 0.2 * mark.size,
  }[mark.baseline];
  if (mark.box) {
    const width = Math.max(...lines.map((line) => ctx.measureText(line).width));
    const left = { left: mark.x, center: mark.x - width / 2, right: mark.x - width }[mark.align];
    ctx.fillStyle = mark.box;
    ctx.fillRect(left - mark.pad, top - mark.pad, width + 2 * mark.pad, block + 2 * mark.pad);
  }
  ctx.fillStyle = mark.color;
  lines.forEach((line, i) => ctx.fillText(line, mark.x, top + height * (i + 0.5)));
}

function drawImage(ctx, mark) {
  const picture = document.createElement("canvas");
  picture.width = mark.columns;
  picture.height = mark.rows;
  const rgba = new Uint8ClampedArray(mark.rgba.buffer, mark.rgba.byteOffset, mark.rgba.byteLength);
  picture.getContext("2d").putImageData(new ImageData(rgba, mark.columns, mark.rows), 0, 0);
  const [left, top, right, bottom] = mark.box;
  ctx.imageSmoothingEnabled = mark.smooth;
  ctx.drawImage(picture, left, top, right - left, bottom - top);
}

const DRAW = { path: drawPath, markers: drawMarkers, text: drawText, image: drawImage };

function drawMark(ctx, mark) {
  ctx.save();
  if (mark.clip) {
    const [left, top, right, bottom] = mark.clip;
    ctx.beginPath();
    ctx.rect(left, top, right - left, bottom - top);
    ctx.clip();
  }
  DRAW[mark.kind](ctx, mark);
  ctx.restore();
}

// The controls' values as a string, as state_key() in ahead.py writes them.
function stateKey(controls) {
  return controls
    .map((control) => {
      const index = control.get("index");
      const value = index === undefined ? control.get("value") : index;
      return value === null ? "null" : (Number(value) + 0).toFixed(6);
    })
    .join("|");
}

async function render({ model, el }) {
  const canvas = document.createElement("canvas");
  canvas.className = "nnfs-figure";
  canvas.setAttribute("role", "img");
  el.appendChild(canvas);
  const ctx = canvas.getContext("2d");
  let background = null;
  let marks = model.get("marks");
  let ahead = new Map();
  let controls = [];
  let scheduled = false;

  function draw() {
    scheduled = false;
    const [width, height] = model.get("size");
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = "white";
    ctx.fillRect(0, 0, width, height);
    if (background) ctx.drawImage(background, 0, 0, width, height);
    for (const mark of marks) drawMark(ctx, mark);
    canvas.setAttribute("aria-label", model.get("description"));
  }
  function show(picture) {
    marks = picture;
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(draw);
    }
  }
  // The picture for the controls as they are now: the kernel's, or one computed ahead
  // when the controls have moved on since the kernel drew its own.
  function showLatest() {
    const key = stateKey(controls);
    if (model.get("key") === key || !ahead.has(key)) show(model.get("marks"));
    else show(ahead.get(key));
  }
  function loadAhead() {
    const { keys, frames } = model.get("ahead");
    ahead = new Map(keys.map((key, i) => [key, frames[i]]));
    const key = stateKey(controls);
    if (model.get("key") !== key && ahead.has(key)) show(ahead.get(key));
  }
  function onControl() {
    const picture = ahead.get(stateKey(controls));
    if (picture) show(picture);
  }
  async function loadBackground() {
    const png = model.get("background");
    background = png.byteLength
      ? await createImageBitmap(new Blob([png], { type: "image/png" }))
      : null;
    show(marks);
  }
  async function loadControls() {
    for (const control of controls) control.off("change:value change:index", onControl);
    const ids = model.get("controls").map((ref) => ref.replace(/^IPY_MODEL_/, ""));
    controls = await Promise.all(ids.map((id) => model.widget_manager.get_model(id)));
    for (const control of controls) control.on("change:value change:index", onControl);
  }

  model.on("change:marks", showLatest);
  model.on("change:ahead", loadAhead);
  model.on("change:size", () => show(marks));
  model.on("change:background", loadBackground);
  model.on("change:controls", loadControls);
  await loadControls();
  loadAhead();
  loadBackground();
  return () => {
    for (const control of controls) control.off("change:value change:index", onControl);
  };
}

export default { render };
