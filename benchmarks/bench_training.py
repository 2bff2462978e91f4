"""Milliseconds per frame of the training playground, against the naive way, in a real kernel.

The playground (nbhelpers/widgets/playground.py) is built in a Jupyter kernel of the course
environment on the spiral data (300 points), 64 hidden neurons and Adam, and driven through
its widgets as the browser drives it: each frame is one tick of its ``Play`` widget (its
value goes up by one), which trains the frame's epochs, redraws the changing artists and
sends them to the browser. Each frame is timed inside the kernel, from the tick to the
message sent; the bytes sent are counted too. Configurations: the course's classes, and the
classes a student writes in notebooks 05-11 (plain numpy, the book's code).

The naive way is the usual pattern: a training loop that, every few epochs (as many as a
frame of the playground), clears the output and draws a new inline figure with pyplot (the
decision regions, the points and the curves), which renders a PNG and displays it. Both are
measured in the same run, on the same machine.

Usage: .venv/bin/python benchmarks/bench_training.py [--frames 250] [--naive-frames 30]
The last line is ``worst_frame_p90_ms=<number>``: the slowest configuration's 90th
percentile (goal: at most 33 ms, 30 frames a second, with at least 10 epochs a frame).
"""

from __future__ import annotations

import argparse
import json
import sys

from bench_sliders import run, summary
from jupyter_client.manager import start_new_kernel

SETUP = r"""
import json, time
import numpy as np
import ipywidgets
import matplotlib.pyplot as plt
from IPython.display import clear_output
from nbhelpers import widgets
from nbhelpers.widgets import playground
%matplotlib inline

# --- what the student writes in notebooks 05-11 (the book's code)
class DenseLayer:
    def __init__(self, n_inputs, n_neurons, rng):
        self.weights = 0.01 * rng.standard_normal((n_inputs, n_neurons))
        self.biases = np.zeros((1, n_neurons))
    def forward(self, inputs):
        self.inputs = inputs
        self.output = np.dot(inputs, self.weights) + self.biases
        return self.output
    def backward(self, dvalues):
        self.dweights = np.dot(self.inputs.T, dvalues)
        self.dbiases = np.sum(dvalues, axis=0, keepdims=True)
        self.dinputs = np.dot(dvalues, self.weights.T)
        return self.dinputs

class ReLU:
    def forward(self, inputs):
        self.inputs = inputs
        self.output = np.maximum(0, inputs)
        return self.output
    def backward(self, dvalues):
        self.dinputs = dvalues.copy()
        self.dinputs[self.inputs <= 0] = 0
        return self.dinputs

class SoftmaxCrossentropy:
    def forward(self, inputs, y_true):
        exp = np.exp(inputs - np.max(inputs, axis=1, keepdims=True))
        self.output = exp / np.sum(exp, axis=1, keepdims=True)
        clipped = np.clip(self.output, 1e-7, 1 - 1e-7)
        return float(np.mean(-np.log(clipped[range(len(inputs)), y_true])))
    def backward(self, dvalues, y_true):
        samples = len(dvalues)
        self.dinputs = dvalues.copy()
        self.dinputs[range(samples), y_true] -= 1
        self.dinputs = self.dinputs / samples
        return self.dinputs

class Adam:
    def __init__(self, learning_rate=0.001, decay=0.0, epsilon=1e-7, beta_1=0.9, beta_2=0.999):
        self.learning_rate = self.current_learning_rate = learning_rate
        self.decay, self.iterations = decay, 0
        self.epsilon, self.beta_1, self.beta_2 = epsilon, beta_1, beta_2
    def pre_update_params(self):
        if self.decay:
            self.current_learning_rate = self.learning_rate / (1 + self.decay * self.iterations)
    def update_params(self, layer):
        if not hasattr(layer, "weight_cache"):
            layer.weight_momentums = np.zeros_like(layer.weights)
            layer.weight_cache = np.zeros_like(layer.weights)
            layer.bias_momentums = np.zeros_like(layer.biases)
            layer.bias_cache = np.zeros_like(layer.biases)
        b1, b2, t = self.beta_1, self.beta_2, self.iterations + 1
        layer.weight_momentums = b1 * layer.weight_momentums + (1 - b1) * layer.dweights
        layer.bias_momentums = b1 * layer.bias_momentums + (1 - b1) * layer.dbiases
        layer.weight_cache = b2 * layer.weight_cache + (1 - b2) * layer.dweights**2
        layer.bias_cache = b2 * layer.bias_cache + (1 - b2) * layer.dbiases**2
        for name, momentums, cache in (
            ("weights", layer.weight_momentums, layer.weight_cache),
            ("biases", layer.bias_momentums, layer.bias_cache),
        ):
            corrected = momentums / (1 - b1**t)
            cached = cache / (1 - b2**t)
            step = self.current_learning_rate * corrected / (np.sqrt(cached) + self.epsilon)
            setattr(layer, name, getattr(layer, name) - step)
    def post_update_params(self):
        self.iterations += 1

STUDENT = {
    "DenseLayer": DenseLayer, "ReLU": ReLU, "SoftmaxCrossentropy": SoftmaxCrossentropy,
    "Adam": Adam,
}

# Count what the kernel sends (the real send is still made).
_sent = {"bytes": 0}
_send = ipywidgets.Widget._send
def _counting(self, msg, buffers=None):
    state = json.dumps(msg["state"], default=str)
    _sent["bytes"] += sum(len(b) for b in buffers or ()) + len(state)
    return _send(self, msg, buffers)
ipywidgets.Widget._send = _counting

def ours(demo, frames):
    times, sent = [], []
    for _ in range(frames):
        if demo.epoch >= playground.MAX_EPOCHS:
            demo.reset_button.click()
        _sent["bytes"] = 0
        start = time.perf_counter()
        demo.play.value += 1  # a tick of the Play widget, as the browser sends it
        times.append((time.perf_counter() - start) * 1000)
        sent.append(_sent["bytes"])
    return times, sent

def naive(frames, epochs_per_frame):
    from nbhelpers import layers, optimizers
    X, y = playground.dataset("spiral", 3, 0.2, 0)
    rng = np.random.RandomState(0)
    dense1, relu = layers.DenseLayer(2, 64, rng), layers.ReLU()
    dense2, loss = layers.DenseLayer(64, 3, rng), layers.SoftmaxCrossentropy()
    opt = optimizers.Adam(learning_rate=0.05)
    axis = np.linspace(-1.2, 1.2, 60)
    g1, g2 = np.meshgrid(axis, axis)
    grid = np.column_stack([g1.ravel(), g2.ravel()])
    losses, accuracies, times = [], [], []
    for _ in range(frames):
        start = time.perf_counter()
        for _ in range(epochs_per_frame):
            value = loss.forward(dense2.forward(relu.forward(dense1.forward(X))), y)
            losses.append(value)
            accuracies.append(np.mean(loss.output.argmax(axis=1) == y))
            loss.backward(loss.output, y)
            dense2.backward(loss.dinputs)
            relu.backward(dense2.dinputs)
            dense1.backward(relu.dinputs)
            opt.pre_update_params()
            opt.update_params(dense1)
            opt.update_params(dense2)
            opt.post_update_params()
        classes = dense2.forward(relu.forward(dense1.forward(grid))).argmax(axis=1)
        clear_output(wait=True)
        fig, (left, right) = plt.subplots(1, 2, figsize=(9, 4))
        left.imshow(classes.reshape(60, 60), extent=(-1.2, 1.2, -1.2, 1.2), origin="lower",
                    alpha=0.4, cmap="tab10", vmin=0, vmax=9)
        for k, marker in zip(range(3), "os^"):
            left.scatter(*X[y == k].T, s=9, marker=marker)
        right.plot(losses, label="loss")
        right.plot(accuracies, label="accuracy")
        right.set(xlim=(0, playground.MAX_EPOCHS), ylim=(0, 1.5), xlabel="epoch")
        right.legend()
        plt.show()
        times.append((time.perf_counter() - start) * 1000)
    plt.close("all")
    return times

CONFIGURATIONS = {
    "course's classes": lambda: widgets.training_playground(),
    "student's classes": lambda: widgets.training_playground(STUDENT),
}
"""

MEASURE = r"""
_demo = CONFIGURATIONS[{name!r}]()
assert _demo.dataset.value == "spiral" and len(_demo.X) == 300
assert _demo.hidden.value == 64 and _demo.optimizer.value == "Adam"
assert {name!r} == "course's classes" or len(_demo.students) == 4, _demo.note.value
_times, _sent_bytes = ours(_demo, {frames})
_naive = naive({naive_frames}, playground.EPOCHS_PER_FRAME)
clear_output()
print(json.dumps({{
    "ours": _times, "sent": _sent_bytes, "naive": _naive,
    "students": _demo.students, "accuracy": float(np.nanmax(_demo.accuracies)),
}}))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=250, help="frames per configuration")
    parser.add_argument("--naive-frames", type=int, default=30, help="frames the naive way")
    args = parser.parse_args(argv)

    manager, client = start_new_kernel(kernel_name="python3")
    try:
        run(client, SETUP)
        epochs = int(run(client, "print(playground.EPOCHS_PER_FRAME)").strip())
        names = json.loads(run(client, "print(json.dumps(list(CONFIGURATIONS)))"))
        print(
            f"{'configuration':20} {'ours: median':>13} {'p90':>8} {'epochs/s':>9} {'sent':>7}   "
            f"{'naive: median':>14} {'p90':>8} {'epochs/s':>9}   {'speed-up':>8}"
        )
        worst = 0.0
        for name in names:
            printed = run(
                client,
                MEASURE.format(name=name, frames=args.frames, naive_frames=args.naive_frames),
            )
            result = json.loads(printed.strip().splitlines()[-1])
            (ours_median, ours_p90), (naive_median, naive_p90) = (
                summary(result["ours"]),
                summary(result["naive"]),
            )
            sent_kb = sorted(result["sent"])[len(result["sent"]) // 2] / 1024
            worst = max(worst, ours_p90)
            print(
                f"{name:20} {ours_median:10.1f} ms {ours_p90:5.1f} ms "
                f"{epochs * 1000 / ours_median:9.0f} {sent_kb:4.0f} KB   "
                f"{naive_median:11.1f} ms {naive_p90:5.1f} ms {epochs * 1000 / naive_median:9.0f}"
                f"   {naive_median / ours_median:7.1f}×",
                flush=True,
            )
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    print(
        f"(ms per frame of {epochs} epochs on the spiral data, 300 points, 64 hidden neurons, "
        f"Adam, timed in the kernel from the tick to the message sent; {args.frames} frames per "
        f"configuration, {args.naive_frames} the naive way; epochs/s at the median frame, the "
        "kernel's capacity: in a browser the Play widget ticks at most every "
        "playground.TICK_MS; sent: the median frame's message; speed-up = naive median / ours)"
    )
    print(f"worst_frame_p90_ms={worst:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
