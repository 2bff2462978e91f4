# ruff: noqa: E501 -- the answers are students' cells, whose lines run as long as students write them
"""Notebook 11 · Optimizers: answers students write to its exercises.

See :mod:`tests.exercises` for what WRONG, RIGHT and ONLY_VISIBLE hold and how they are
read. Each answer cell is a whole class; the given parts (``__init__``, and in Exercises
2-4 ``pre_update_params`` and ``post_update_params``) are kept, the rest is the answer's.
"""

ASSIGNMENT = "11-optimizers"

SGD_HEAD = """
class SGD:
    def __init__(self, learning_rate=1.0, decay=0.0, momentum=0.0):
        self.learning_rate = learning_rate
        self.current_learning_rate = learning_rate
        self.decay = decay
        self.iterations = 0
        self.momentum = momentum
"""
PRE = """
    def pre_update_params(self):
        if self.decay:
            self.current_learning_rate = self.learning_rate / (1.0 + self.decay * self.iterations)
"""
POST = """
    def post_update_params(self):
        self.iterations += 1
"""
SGD_UPDATE = """
    def update_params(self, layer):
        if self.momentum:
            if not hasattr(layer, "weight_momentums"):
                layer.weight_momentums = np.zeros_like(layer.weights)
                layer.bias_momentums = np.zeros_like(layer.biases)
            weight_updates = self.momentum * layer.weight_momentums - self.current_learning_rate * layer.dweights
            layer.weight_momentums = weight_updates
            bias_updates = self.momentum * layer.bias_momentums - self.current_learning_rate * layer.dbiases
            layer.bias_momentums = bias_updates
        else:
            weight_updates = -self.current_learning_rate * layer.dweights
            bias_updates = -self.current_learning_rate * layer.dbiases
        layer.weights += weight_updates
        layer.biases += bias_updates
"""


def _sgd(pre=PRE, update=SGD_UPDATE, post=POST, replace=()):
    code = SGD_HEAD + pre + update + post
    for old, new in replace:
        assert old in code, old
        code = code.replace(old, new)
    return code


def _class(name, init, update):
    return f"class {name}:\n{init}{PRE}{update}{POST}"


ADAGRAD_INIT = """    def __init__(self, learning_rate=1.0, decay=0.0, epsilon=1e-7):
        self.learning_rate = learning_rate
        self.current_learning_rate = learning_rate
        self.decay = decay
        self.iterations = 0
        self.epsilon = epsilon
"""
RMSPROP_INIT = (
    ADAGRAD_INIT.replace("learning_rate=1.0", "learning_rate=0.001").replace(
        "epsilon=1e-7):", "epsilon=1e-7, rho=0.9):"
    )
    + "        self.rho = rho\n"
)
ADAM_INIT = (
    ADAGRAD_INIT.replace("learning_rate=1.0", "learning_rate=0.001").replace(
        "epsilon=1e-7):", "epsilon=1e-7, beta_1=0.9, beta_2=0.999):"
    )
    + "        self.beta_1 = beta_1\n        self.beta_2 = beta_2\n"
)

ADAGRAD_UPDATE = """
    def update_params(self, layer):
        if not hasattr(layer, "weight_cache"):
            layer.weight_cache = np.zeros_like(layer.weights)
            layer.bias_cache = np.zeros_like(layer.biases)
        layer.weight_cache += layer.dweights**2
        layer.bias_cache += layer.dbiases**2
        layer.weights += -self.current_learning_rate * layer.dweights / (np.sqrt(layer.weight_cache) + self.epsilon)
        layer.biases += -self.current_learning_rate * layer.dbiases / (np.sqrt(layer.bias_cache) + self.epsilon)
"""
RMSPROP_UPDATE = ADAGRAD_UPDATE.replace(
    "layer.weight_cache += layer.dweights**2",
    "layer.weight_cache = self.rho * layer.weight_cache + (1 - self.rho) * layer.dweights**2",
).replace(
    "layer.bias_cache += layer.dbiases**2",
    "layer.bias_cache = self.rho * layer.bias_cache + (1 - self.rho) * layer.dbiases**2",
)
ADAM_UPDATE = """
    def update_params(self, layer):
        if not hasattr(layer, "weight_cache"):
            layer.weight_momentums = np.zeros_like(layer.weights)
            layer.weight_cache = np.zeros_like(layer.weights)
            layer.bias_momentums = np.zeros_like(layer.biases)
            layer.bias_cache = np.zeros_like(layer.biases)
        step = self.iterations + 1
        layer.weight_momentums = self.beta_1 * layer.weight_momentums + (1 - self.beta_1) * layer.dweights
        layer.bias_momentums = self.beta_1 * layer.bias_momentums + (1 - self.beta_1) * layer.dbiases
        wm = layer.weight_momentums / (1 - self.beta_1**step)
        bm = layer.bias_momentums / (1 - self.beta_1**step)
        layer.weight_cache = self.beta_2 * layer.weight_cache + (1 - self.beta_2) * layer.dweights**2
        layer.bias_cache = self.beta_2 * layer.bias_cache + (1 - self.beta_2) * layer.dbiases**2
        wc = layer.weight_cache / (1 - self.beta_2**step)
        bc = layer.bias_cache / (1 - self.beta_2**step)
        layer.weights += -self.current_learning_rate * wm / (np.sqrt(wc) + self.epsilon)
        layer.biases += -self.current_learning_rate * bm / (np.sqrt(bc) + self.epsilon)
"""


def _variant(name, init, update, *replace):
    for old, new in replace:
        assert old in update, old
        update = update.replace(old, new)
    return _class(name, init, update)


def _adagrad(*replace):
    return _variant("Adagrad", ADAGRAD_INIT, ADAGRAD_UPDATE, *replace)


def _rmsprop(*replace):
    return _variant("RMSprop", RMSPROP_INIT, RMSPROP_UPDATE, *replace)


def _adam(*replace):
    return _variant("Adam", ADAM_INIT, ADAM_UPDATE, *replace)


ROOT_W = "(np.sqrt(layer.weight_cache) + self.epsilon)"
ROOT_B = "(np.sqrt(layer.bias_cache) + self.epsilon)"

WRONG = [
    # ---- SGD
    (
        "SGD",
        _sgd(
            replace=[
                ("weights += weight_updates", "weights -= weight_updates"),
                ("biases += bias_updates", "biases -= bias_updates"),
            ]
        ),
        "moved ALONG the gradient",
    ),
    (
        "SGD",
        _sgd(pre="\n    def pre_update_params(self):\n        pass\n"),
        "the learning rate does not decay",
    ),
    (
        "SGD",
        _sgd(replace=[("self.learning_rate / (1.0", "self.current_learning_rate / (1.0")]),
        "the decay compounds",
    ),
    (
        "SGD",
        _sgd(replace=[("self.decay * self.iterations)", "self.decay * (self.iterations + 1))")]),
        "the decay is one step ahead",
    ),
    (
        "SGD",
        _sgd(post="\n    def post_update_params(self):\n        pass\n"),
        "iterations never grows",
    ),
    (
        "SGD",
        _sgd(
            replace=[
                ("layer.weight_momentums = weight_updates", "pass"),
                ("layer.bias_momentums = bias_updates", "pass"),
            ]
        ),
        "the momentum is never remembered",
    ),
    (
        "SGD",
        _sgd(
            replace=[
                (
                    "layer.weight_momentums = weight_updates",
                    "layer.weight_momentums = layer.dweights",
                ),
                ("layer.bias_momentums = bias_updates", "layer.bias_momentums = layer.dbiases"),
            ]
        ),
        "the layer keeps the gradient as its momentum",
    ),
    ("SGD", _sgd(replace=[("if self.momentum:", "if False:")]), "the momentum has no effect"),
    (
        "SGD",
        _sgd(
            replace=[
                ("layer.weight_momentums", "self.weight_momentums"),
                ("layer.bias_momentums", "self.bias_momentums"),
                ('hasattr(layer, "weight_momentums")', 'hasattr(self, "weight_momentums")'),
            ]
        ),
        "shared between layers",
    ),
    (
        "SGD",
        _sgd(replace=[("        layer.biases += bias_updates\n", "")]),
        "the biases did not move",
    ),
    (
        "SGD",
        _sgd(
            replace=[
                (
                    "        layer.weights += weight_updates\n        layer.biases += bias_updates\n",
                    "        weights = layer.weights + weight_updates\n"
                    "        biases = layer.biases + bias_updates\n",
                )
            ]
        ),
        "the layer's parameters did not change",
    ),
    (
        "SGD",
        _sgd(
            replace=[
                ("-self.current_learning_rate * layer.dweights\n", "-layer.dweights\n"),
                ("-self.current_learning_rate * layer.dbiases\n", "-layer.dbiases\n"),
            ]
        ),
        "the learning rate is not used",
    ),
    # ---- Adagrad
    (
        "Adagrad",
        _adagrad(("layer.dweights**2", "layer.dweights"), ("layer.dbiases**2", "layer.dbiases")),
        "the cache adds up the gradients themselves",
    ),
    (
        "Adagrad",
        _adagrad(
            (ROOT_W, "(layer.weight_cache + self.epsilon)"),
            (ROOT_B, "(layer.bias_cache + self.epsilon)"),
        ),
        "divide by its square ROOT",
    ),
    (
        "Adagrad",
        _adagrad(
            (ROOT_W, "np.sqrt(layer.weight_cache + self.epsilon)"),
            (ROOT_B, "np.sqrt(layer.bias_cache + self.epsilon)"),
        ),
        "epsilon went under the square root",
    ),
    (
        "Adagrad",
        _adagrad(
            ("layer.weight_cache += ", "layer.weight_cache = "),
            ("layer.bias_cache += ", "layer.bias_cache = "),
        ),
        "the cache holds only the last squared gradient",
    ),
    (
        "Adagrad",
        _adagrad(
            ("layer.weights += -", "layer.weights += "), ("layer.biases += -", "layer.biases += ")
        ),
        "moved ALONG the gradient",
    ),
    (
        "Adagrad",
        _adagrad(
            ("layer.weight_cache", "self.weight_cache"),
            ("layer.bias_cache", "self.bias_cache"),
            ('hasattr(layer, "weight_cache")', 'hasattr(self, "weight_cache")'),
        ),
        "shared between layers",
    ),
    (
        "Adagrad",
        _adagrad(
            (
                "        layer.biases += -self.current_learning_rate * layer.dbiases / "
                + ROOT_B
                + "\n",
                "",
            )
        ),
        "the biases did not move",
    ),
    (
        "Adagrad",
        _adagrad(
            (
                "        layer.weight_cache += layer.dweights**2\n        layer.bias_cache += layer.dbiases**2\n",
                "",
            ),
            (
                "(np.sqrt(layer.bias_cache) + self.epsilon)\n",
                "(np.sqrt(layer.bias_cache) + self.epsilon)\n        layer.weight_cache += layer.dweights**2\n"
                "        layer.bias_cache += layer.dbiases**2\n",
            ),
        ),
        "the step used the cache from BEFORE",
    ),
    # ---- RMSprop
    (
        "RMSprop",
        _rmsprop(
            (
                "self.rho * layer.weight_cache + (1 - self.rho)",
                "(1 - self.rho) * layer.weight_cache + self.rho",
            ),
            (
                "self.rho * layer.bias_cache + (1 - self.rho)",
                "(1 - self.rho) * layer.bias_cache + self.rho",
            ),
        ),
        "rho and 1 − rho are swapped",
    ),
    (
        "RMSprop",
        _rmsprop(
            ("(1 - self.rho) * layer.dweights", "layer.dweights"),
            ("(1 - self.rho) * layer.dbiases", "layer.dbiases"),
        ),
        "the new squared gradient is added whole",
    ),
    (
        "RMSprop",
        _rmsprop(
            ("self.rho * layer.weight_cache + (1 - self.rho) * ", "layer.weight_cache + "),
            ("self.rho * layer.bias_cache + (1 - self.rho) * ", "layer.bias_cache + "),
        ),
        "as AdaGrad's",
    ),
    (
        "RMSprop",
        _rmsprop(("layer.dweights**2", "layer.dweights"), ("layer.dbiases**2", "layer.dbiases")),
        "the cache adds up the gradients themselves",
    ),
    (
        "RMSprop",
        _rmsprop(
            (ROOT_W, "(layer.weight_cache + self.epsilon)"),
            (ROOT_B, "(layer.bias_cache + self.epsilon)"),
        ),
        "divide by its square ROOT",
    ),
    (
        "RMSprop",
        _rmsprop(
            (ROOT_W, "np.sqrt(layer.weight_cache + self.epsilon)"),
            (ROOT_B, "np.sqrt(layer.bias_cache + self.epsilon)"),
        ),
        "epsilon went under the square root",
    ),
    (
        "RMSprop",
        _rmsprop(
            ("layer.weights += -", "layer.weights += "), ("layer.biases += -", "layer.biases += ")
        ),
        "moved ALONG the gradient",
    ),
    (
        "RMSprop",
        _rmsprop(
            ("layer.weight_cache", "self.weight_cache"),
            ("layer.bias_cache", "self.bias_cache"),
            ('hasattr(layer, "weight_cache")', 'hasattr(self, "weight_cache")'),
        ),
        "shared between layers",
    ),
    # ---- Adam
    (
        "Adam",
        _adam(("/ (1 - self.beta_1**step)", ""), ("/ (1 - self.beta_2**step)", "")),
        "there is no bias correction",
    ),
    (
        "Adam",
        _adam(("step = self.iterations + 1", "step = self.iterations")),
        "the bias correction uses iterations",
    ),
    (
        "Adam",
        _adam(("step = self.iterations + 1", "step = self.iterations + 2")),
        "the bias correction is one step late",
    ),
    (
        "Adam",
        _class(
            "Adam",
            ADAM_INIT,
            ADAM_UPDATE.replace("self.beta_1", "BETA_ONE")
            .replace("self.beta_2", "self.beta_1")
            .replace("BETA_ONE", "self.beta_2"),
        ),
        "beta_1 and beta_2 are swapped",
    ),
    (
        "Adam",
        _adam(
            (
                "wm = layer.weight_momentums / (1 - self.beta_1**step)",
                "wm = layer.weight_momentums",
            ),
            ("bm = layer.bias_momentums / (1 - self.beta_1**step)", "bm = layer.bias_momentums"),
        ),
        "only the cache is corrected",
    ),
    (
        "Adam",
        _adam(
            ("(np.sqrt(wc) + self.epsilon)", "(wc + self.epsilon)"),
            ("(np.sqrt(bc) + self.epsilon)", "(bc + self.epsilon)"),
        ),
        "divide by its square ROOT",
    ),
    (
        "Adam",
        _adam(
            ("(np.sqrt(wc) + self.epsilon)", "np.sqrt(wc + self.epsilon)"),
            ("(np.sqrt(bc) + self.epsilon)", "np.sqrt(bc + self.epsilon)"),
        ),
        "epsilon went under the square root",
    ),
    (
        "Adam",
        _adam(("layer.dweights**2", "layer.dweights"), ("layer.dbiases**2", "layer.dbiases")),
        "the cache adds up the gradients themselves",
    ),
    (
        "Adam",
        _adam(
            ("layer.weights += -", "layer.weights += "), ("layer.biases += -", "layer.biases += ")
        ),
        "moved ALONG the gradient",
    ),
]

RIGHT = [
    (
        "SGD",
        SGD_HEAD
        + """
    def pre_update_params(self):
        self.current_learning_rate = self.learning_rate * (1.0 / (1.0 + self.decay * self.iterations))

    def update_params(self, layer):
        for name in ("weights", "biases"):
            update = -self.current_learning_rate * getattr(layer, "d" + name)
            if self.momentum:
                kept = name[:-1] + "_momentums"
                update = update + self.momentum * getattr(layer, kept, 0.0)
                setattr(layer, kept, update)
            setattr(layer, name, getattr(layer, name) + update)

    def post_update_params(self):
        self.iterations = self.iterations + 1
""",
    ),
    (
        "Adagrad",
        _class(
            "Adagrad",
            ADAGRAD_INIT,
            """
    def update_params(self, layer):
        for p, name in (("weight", "weights"), ("bias", "biases")):
            cache = getattr(layer, p + "_cache", 0.0) + np.square(getattr(layer, "d" + name))
            setattr(layer, p + "_cache", cache)
            step = self.current_learning_rate * getattr(layer, "d" + name) / (cache ** 0.5 + self.epsilon)
            setattr(layer, name, getattr(layer, name) - step)
""",
        ),
    ),
    (
        "RMSprop",
        _class(
            "RMSprop",
            RMSPROP_INIT,
            """
    def update_params(self, layer):
        if not hasattr(layer, "weight_cache"):
            layer.weight_cache, layer.bias_cache = 0 * layer.weights, 0 * layer.biases
        layer.weight_cache = layer.weight_cache + (1 - self.rho) * (layer.dweights**2 - layer.weight_cache)
        layer.bias_cache = layer.bias_cache + (1 - self.rho) * (layer.dbiases**2 - layer.bias_cache)
        layer.weights = layer.weights - self.current_learning_rate * layer.dweights / (np.sqrt(layer.weight_cache) + self.epsilon)
        layer.biases = layer.biases - self.current_learning_rate * layer.dbiases / (np.sqrt(layer.bias_cache) + self.epsilon)
""",
        ),
    ),
    (
        "Adam",
        _class(
            "Adam",
            ADAM_INIT,
            """
    def update_params(self, layer):
        t = self.iterations + 1
        for p, name in (("weight", "weights"), ("bias", "biases")):
            g = getattr(layer, "d" + name)
            m = self.beta_1 * getattr(layer, p + "_momentums", np.zeros_like(g)) + (1 - self.beta_1) * g
            v = self.beta_2 * getattr(layer, p + "_cache", np.zeros_like(g)) + (1 - self.beta_2) * g * g
            setattr(layer, p + "_momentums", m)
            setattr(layer, p + "_cache", v)
            m_hat, v_hat = m / (1 - self.beta_1**t), v / (1 - self.beta_2**t)
            setattr(layer, name, getattr(layer, name) - self.current_learning_rate * m_hat / (np.sqrt(v_hat) + self.epsilon))
""",
        ),
    ),
]

ONLY_VISIBLE = [
    # Momentum only for the learning rate and momentum of the visible test.
    ("SGD", _sgd(replace=[("if self.momentum:", "if self.momentum == 0.5:")])),
    # epsilon fixed at the book's 1e-7, the visible tests' value.
    ("Adagrad", _adagrad(("+ self.epsilon", "+ 1e-7"))),
    # rho fixed at the book's 0.9, the visible tests' value.
    ("RMSprop", _rmsprop(("self.rho *", "0.9 *"), ("(1 - self.rho)", "0.1"))),
    # beta_1 and beta_2 fixed at the book's defaults.
    ("Adam", _adam(("self.beta_1", "0.9"), ("self.beta_2", "0.999"))),
]
