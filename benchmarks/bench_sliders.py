"""Milliseconds per slider event of the course's demos, against the naive way, in a real kernel.

Each demo is built in a Jupyter kernel of the course environment, driven by the functions a
student writes (a loop for ``neuron_output``, numpy for the rest), and its slider is moved
through a range of values. Each event is timed inside the kernel, from setting the slider
value to the moment the picture for the browser has been made and sent: for the course's
demos, the student's function, the changing artists as marks and their message, then the
pictures computed ahead for the next values of the slider (see nbhelpers/widgets/ahead.py).
This is the kernel's share only; benchmarks/bench_browser.py measures what a learner sees,
key press to pixels in a browser.

The naive way is the usual pattern: ``ipywidgets.interactive`` calling a function that
draws a new inline figure with pyplot on every change (each event renders a PNG and
displays it in the output widget). Both are measured in the same run, on the same machine.

Usage: .venv/bin/python benchmarks/bench_sliders.py [--events 300] [--naive-events 40]
The last line is ``worst_p90_ms=<number>``: the slowest demo's 90th percentile.
"""

from __future__ import annotations

import argparse
import json
import sys

import numpy as np
from jupyter_client.manager import start_new_kernel

SETUP = r"""
import json, time
import numpy as np
import matplotlib.pyplot as plt
from ipywidgets import FloatSlider, interactive
from nbhelpers import widgets
from nbhelpers.datasets import spiral_data
%matplotlib inline

# --- what the student writes in the exercises
def neuron_output(inputs, weights, bias):
    total = 0.0
    for x, w in zip(inputs, weights):
        total += x * w
    return total + bias

def relu(x):
    return np.maximum(0, x)

def softmax(batch):
    exponentials = np.exp(batch - np.max(batch, axis=1, keepdims=True))
    return exponentials / np.sum(exponentials, axis=1, keepdims=True)

class DenseLayer:
    def __init__(self, n_inputs, n_neurons, rng):
        self.weights = 0.01 * rng.standard_normal((n_inputs, n_neurons))
        self.biases = np.zeros((1, n_neurons))
    def forward(self, inputs):
        self.output = np.dot(inputs, self.weights) + self.biases
        return self.output

def milliseconds(slider, values, events):
    times = []
    for i in range(events):
        start = time.perf_counter()
        slider.value = float(values[i % len(values)])
        times.append((time.perf_counter() - start) * 1000)
    return times

def ours(demo, slider_name, events):
    slider = getattr(demo, slider_name)
    values = np.concatenate(
        [np.linspace(slider.min, slider.max, 40), np.linspace(slider.max, slider.min, 40)]
    )
    return milliseconds(slider, values, events)

def naive(function, sliders, events):
    demo = interactive(function, **sliders)
    slider = demo.children[0]
    values = np.concatenate(
        [np.linspace(slider.min, slider.max, 20), np.linspace(slider.max, slider.min, 20)]
    )
    times = milliseconds(slider, values, events)
    plt.close("all")
    return times

def slider(low, high, value):
    return FloatSlider(min=low, max=high, value=value, step=0.01)

X_LINE = np.linspace(-2, 2, 401)

# --- the same pictures, redrawn the naive way
def naive_neuron_line(w, b, probe):
    x = np.linspace(-2, 2, 81)
    fig, ax = plt.subplots(figsize=(5.6, 3.6))
    ax.plot(x, [neuron_output([v], [w], b) for v in x])
    ax.plot([probe], [neuron_output([probe], [w], b)], "o")
    ax.set(
        xlim=(-2, 2),
        ylim=(-4, 4),
        title="Output of a single-input neuron",
        xlabel="input x",
        ylabel="y",
    )
    plt.show()

def naive_activation(w, b):
    fig, ax = plt.subplots(figsize=(5.6, 3.6))
    ax.plot(X_LINE, relu(w * X_LINE + b))
    if w != 0:
        ax.axvline(-b / w, linestyle="--")
    ax.set(
        xlim=(-2, 2),
        ylim=(-1.5, 2.5),
        title="A neuron with an activation function",
        xlabel="input x",
    )
    plt.show()

def naive_relu_pair(b1, w1, w2, b2):
    hidden = relu(w1 * X_LINE + b1)
    fig, ax = plt.subplots(figsize=(5.6, 3.6))
    ax.plot(X_LINE, hidden, ":")
    ax.plot(X_LINE, relu(w2 * hidden + b2))
    ax.set(xlim=(-2, 2), ylim=(-0.5, 3), title="Two ReLU neurons in a chain", xlabel="input x")
    plt.show()

SPIRAL_X, SPIRAL_Y = spiral_data(samples=60, classes=3)
AXIS = np.linspace(-1.05, 1.05, 48)
GRID = np.column_stack([a.ravel() for a in np.meshgrid(AXIS, AXIS[::-1])])

def naive_dense(w1, w2, b):
    layer = DenseLayer(2, 3, np.random.RandomState(0))
    layer.weights = np.array([[w1, 0.0, 1.0], [w2, 1.0, -1.0]])
    layer.biases = np.array([[b, 0.0, 0.3]])
    outputs = layer.forward(GRID)
    fig, axes = plt.subplots(1, 3, figsize=(8.4, 3.0))
    for j, ax in enumerate(axes):
        ax.imshow(
            outputs[:, j].reshape(48, 48),
            cmap="PuOr_r",
            vmin=-1.5,
            vmax=1.5,
            extent=(-1.05, 1.05, -1.05, 1.05),
        )
        for label in range(3):
            ax.scatter(*SPIRAL_X[SPIRAL_Y == label].T, s=7)
        ax.set_title(f"neuron {j}")
    plt.show()

PRESET = {k: np.array(v) if k != "bo" else v for k, v in widgets.HAND_TUNED_SINE.items()}
SINE_X = np.linspace(0, 1, 201)

def naive_sine(w1):
    p = {k: (v.copy() if k != "bo" else v) for k, v in PRESET.items()}
    p["w1"][0] = w1
    layer1 = relu(np.outer(SINE_X, p["w1"]) + p["b1"])
    y = relu(p["w2"] * layer1 + p["b2"]) @ p["wo"] + p["bo"]
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    ax.plot(SINE_X, np.sin(2 * np.pi * SINE_X), "--")
    ax.plot(SINE_X, y)
    ax.set(
        xlim=(0, 1),
        ylim=(-1.5, 1.5),
        title=f"MSE = {np.mean((y - np.sin(2 * np.pi * SINE_X)) ** 2):.4f}",
    )
    plt.show()

def naive_softmax(z0, z1, z2, t):
    p = softmax(np.array([[z0, z1, z2]]) / t)[0]
    fig, ax = plt.subplots(figsize=(4.8, 3.4))
    bars = ax.bar(range(3), p)
    ax.bar_label(bars, labels=[f"{v:.4f}" for v in p])
    ax.set(ylim=(0, 1.05), title="Softmax: probabilities from logits")
    plt.show()

# name: (build our demo, the slider to move, the naive function, its sliders)
DEMOS = {
    "neuron line (01)": (
        lambda: widgets.neuron_line(neuron_output),
        "weight",
        naive_neuron_line,
        dict(w=slider(-3, 3, 1), b=slider(-3, 3, 0), probe=slider(-2, 2, 1)),
    ),
    "activation explorer (06)": (
        lambda: widgets.activation_explorer({"ReLU": relu}),
        "weight",
        naive_activation,
        dict(w=slider(-3, 3, 1), b=slider(-3, 3, 0)),
    ),
    "ReLU pair (06)": (
        lambda: widgets.relu_pair(relu),
        "b1",
        naive_relu_pair,
        dict(
            b1=slider(-3, 3, 0.5), w1=slider(-3, 3, -1), w2=slider(-3, 3, -2), b2=slider(-3, 3, 1)
        ),
    ),
    "dense layer (05)": (
        lambda: widgets.dense_explorer(DenseLayer),
        "w1",
        naive_dense,
        dict(w1=slider(-3, 3, 1), w2=slider(-3, 3, 0), b=slider(-3, 3, 0)),
    ),
    "sine fit, 8 pairs (06)": (
        lambda: widgets.sine_fit(relu),
        "w1",
        naive_sine,
        dict(w1=slider(-10, 10, 5.58)),
    ),
    "softmax (07)": (
        lambda: widgets.softmax_bars(softmax),
        "z0",
        naive_softmax,
        dict(
            z0=slider(-5, 10, 4.8),
            z1=slider(-5, 10, 1.21),
            z2=slider(-5, 10, 2.385),
            t=slider(0.1, 5, 1),
        ),
    ),
}
"""

MEASURE = r"""
_demo = DEMOS[{name!r}]
_built = _demo[0]()
if {name!r}.startswith("activation"):
    _built.activation.value = "ReLU"
if {name!r}.startswith("sine"):
    _built.load(widgets.HAND_TUNED_SINE)
_ours = ours(_built, _demo[1], {events})
_naive = naive(_demo[2], _demo[3], {naive_events})
print(json.dumps({{"ours": _ours, "naive": _naive}}))
"""


def run(client, code: str) -> str:
    """Execute code in the kernel; return what it printed (raise on an error)."""
    printed, errors = [], []

    def collect(message):
        kind, content = message["msg_type"], message["content"]
        if kind == "stream" and content["name"] == "stdout":
            printed.append(content["text"])
        elif kind == "error":
            errors.append("\n".join(content["traceback"]))

    client.execute_interactive(code, output_hook=collect, timeout=900)
    if errors:
        raise RuntimeError(errors[0])
    return "".join(printed)


def summary(times: list[float]) -> tuple[float, float]:
    warm = np.asarray(times[5:] if len(times) > 10 else times)
    return float(np.median(warm)), float(np.percentile(warm, 90))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--events", type=int, default=300, help="slider events per demo, the course's way"
    )
    parser.add_argument(
        "--naive-events", type=int, default=40, help="slider events per demo, the naive way"
    )
    args = parser.parse_args(argv)

    manager, client = start_new_kernel(kernel_name="python3")
    try:
        run(client, SETUP)
        names = json.loads(run(client, "print(json.dumps(list(DEMOS)))"))
        print(
            f"{'demo':26} {'ours: median':>13} {'p90':>8}   "
            f"{'naive: median':>14} {'p90':>8}   {'speed-up':>8}"
        )
        worst = 0.0
        for name in names:
            times = json.loads(
                run(
                    client,
                    MEASURE.format(name=name, events=args.events, naive_events=args.naive_events),
                )
                .strip()
                .splitlines()[-1]
            )
            (ours_median, ours_p90), (naive_median, naive_p90) = (
                summary(times["ours"]),
                summary(times["naive"]),
            )
            worst = max(worst, ours_p90)
            print(
                f"{name:26} {ours_median:10.1f} ms {ours_p90:5.1f} ms   "
                f"{naive_median:11.1f} ms {naive_p90:5.1f} ms   "
                f"{naive_median / ours_median:7.1f}×",
                flush=True,
            )
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    print(
        f"(ms per slider event, timed in the kernel; {args.events} events per demo, "
        f"{args.naive_events} the naive way; speed-up = naive median / ours)"
    )
    print(f"worst_p90_ms={worst:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
