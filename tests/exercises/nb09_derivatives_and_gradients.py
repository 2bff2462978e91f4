"""Notebook 09 · Derivatives and gradients: answers students write to its exercises.

See :mod:`tests.exercises` for what WRONG, RIGHT and ONLY_VISIBLE hold and how they are
read, and tests/test_exercises.py for how they are run.
"""

ASSIGNMENT = "09-derivatives-and-gradients"

# (answer cell, wrong answer, words the failure must contain[, the test cell that catches it])
WRONG = [
    # ---- numerical_derivative
    (
        "numerical_derivative",
        """
        def numerical_derivative(f, x, h=1e-5):
            return (f(x + h) - f(x)) / h
        """,
        "this is the forward difference",
    ),
    (
        "numerical_derivative",
        """
        def numerical_derivative(f, x, h=1e-5):
            return (f(x) - f(x - h)) / h
        """,
        "this is the backward difference",
    ),
    (
        "numerical_derivative",
        """
        def numerical_derivative(f, x, h=1e-5):
            return (f(x + h) - f(x - h)) / h
        """,
        "the result is twice the slope",
    ),
    (
        "numerical_derivative",
        """
        def numerical_derivative(f, x, h=1e-5):
            return (f(x - h) - f(x + h)) / (2 * h)
        """,
        "the sign is flipped",
    ),
    (
        "numerical_derivative",
        """
        def numerical_derivative(f, x, h=1e-5):
            return f(x + h) - f(x - h)
        """,
        "this is the rise alone",
    ),
    (
        "numerical_derivative",
        """
        def numerical_derivative(f, x, h=1e-5):
            return f(x + h) - f(x - h) / (2 * h)
        """,
        "only f(x - h) was divided",
    ),
    (
        "numerical_derivative",
        """
        def numerical_derivative(f, x, h=1e-5):
            return (f(x + h) - f(x - h)) / 2 * h
        """,
        "`/ 2 * h` divides by 2, then multiplies by h",
    ),
    (
        "numerical_derivative",
        """
        def numerical_derivative(f, x, h=1e-5):
            return f(x)
        """,
        "the value of the function at x",
    ),
    (
        "numerical_derivative",
        """
        def numerical_derivative(f, x, h=1e-5):
            step = 0.0001
            return (f(x + step) - f(x - step)) / (2 * step)
        """,
        "the step h passed in was not used",
    ),
    (
        "numerical_derivative",
        """
        def numerical_derivative(f, x, h=1e-5):
            return 4 * x
        """,
        "this is 4x, the slope of the book's 2x² only",
    ),
    (
        "numerical_derivative",
        """
        def numerical_derivative(f, x, h=1e-5):
            return round((f(x + h) - f(x - h)) / (2 * h), 4)
        """,
        "the values are rounded",
    ),
    (
        "numerical_derivative",
        """
        def numerical_derivative(f, x, h=1e-5):
            slope = (f(x + h) - f(x - h)) / (2 * h)
            print(slope)
        """,
        "returned None",
    ),
    # ---- relu_derivative
    (
        "relu_derivative",
        """
        def relu_derivative(x):
            return np.maximum(0, x)
        """,
        "this is ReLU itself",
    ),
    (
        "relu_derivative",
        """
        def relu_derivative(x):
            return np.where(x >= 0, 1.0, 0.0)
        """,
        "at x = 0 the derivative gave 1",
    ),
    (
        "relu_derivative",
        """
        def relu_derivative(x):
            return np.heaviside(x, 0.5)
        """,
        "at x = 0 the derivative gave 0.5",
    ),
    (
        "relu_derivative",
        """
        def relu_derivative(x):
            step = 1e-5
            return (np.maximum(0, x + step) - np.maximum(0, x - step)) / (2 * step)
        """,
        "at x = 0 the derivative gave 0.5",
    ),
    (
        "relu_derivative",
        """
        def relu_derivative(x):
            return np.where(x > 0, 0.0, 1.0)
        """,
        "1 and 0 are swapped",
    ),
    (
        "relu_derivative",
        """
        def relu_derivative(x):
            return x
        """,
        "the input came back unchanged",
    ),
    (
        "relu_derivative",
        """
        def relu_derivative(x):
            return np.sign(x)
        """,
        "negative inputs gave -1",
    ),
    (
        "relu_derivative",
        """
        def relu_derivative(x):
            return np.where(x > 0, 1.0, x)
        """,
        "negative inputs kept their own values",
    ),
    (
        "relu_derivative",
        """
        def relu_derivative(x):
            x[x > 0] = 1.0
            x[x <= 0] = 0.0
            return x
        """,
        "changed its input `x` in place",
    ),
    (
        "relu_derivative",
        """
        def relu_derivative(x):
            if x > 0:
                return 1.0
            return 0.0
        """,
        "decides for one value at a time",
    ),
    (
        "relu_derivative",
        """
        def relu_derivative(x):
            for row in x:
                return np.where(row > 0, 1.0, 0.0)
        """,
        "is the `return` inside the loop?",
    ),
    # ---- sigmoid_derivative
    (
        "sigmoid_derivative",
        """
        def sigmoid_derivative(x):
            return sigmoid(x) * (1 - x)
        """,
        "this is σ(x)·(1 - x)",
    ),
    (
        "sigmoid_derivative",
        """
        def sigmoid_derivative(x):
            return x * (1 - x)
        """,
        "the derivative written with the function's OUTPUT",
    ),
    (
        "sigmoid_derivative",
        """
        def sigmoid_derivative(x):
            return sigmoid(x)
        """,
        "this is the sigmoid itself",
    ),
    (
        "sigmoid_derivative",
        """
        def sigmoid_derivative(x):
            return 1 - sigmoid(x)
        """,
        "this is 1 - σ(x) alone",
    ),
    (
        "sigmoid_derivative",
        """
        def sigmoid_derivative(x):
            s = sigmoid(x)
            return s * (1 + s)
        """,
        "the second factor is 1 MINUS σ(x)",
    ),
    (
        "sigmoid_derivative",
        """
        def sigmoid_derivative(x):
            return 1 - sigmoid(x) ** 2
        """,
        "the pattern of tanh's derivative",
    ),
    (
        "sigmoid_derivative",
        """
        def sigmoid_derivative(x):
            return sigmoid(x) ** 2
        """,
        "the sigmoid times itself",
    ),
    (
        "sigmoid_derivative",
        """
        def sigmoid_derivative(x):
            return np.full(np.shape(x), 0.25)
        """,
        "every value is 0.25",
    ),
    (
        "sigmoid_derivative",
        """
        def sigmoid_derivative(x):
            s = sigmoid(x)
            return s * (1 - s) * x
        """,
        "the derivative was multiplied by x",
    ),
    (
        "sigmoid_derivative",
        """
        def sigmoid_derivative(x):
            s = 1 / (1 + math.exp(-x))
            return s * (1 - s)
        """,
        "the functions of Python's `math` module take one number at a time",
    ),
    (
        "sigmoid_derivative",
        """
        def sigmoid_derivative(x):
            x[...] = sigmoid(x)
            return x * (1 - x)
        """,
        "changed its input `x` in place",
    ),
    (
        "sigmoid_derivative",
        """
        def sigmoid_derivative(x):
            s = 1 / (1 + np.exp(-x))
            return s * (1 - s)
        """,
        "an exponential overflowed",
        "test_sigmoid_derivative_large",
    ),
    (
        "sigmoid_derivative",
        """
        def sigmoid_derivative(x):
            return np.exp(-x) / (1 + np.exp(-x)) ** 2
        """,
        "an exponential overflowed",
        "test_sigmoid_derivative_large",
    ),
    # ---- tanh_derivative
    (
        "tanh_derivative",
        """
        def tanh_derivative(x):
            return 1 - np.tanh(x)
        """,
        "this is 1 - tanh(x): the tanh is squared",
    ),
    (
        "tanh_derivative",
        """
        def tanh_derivative(x):
            return 1 - np.tanh(x) * 2
        """,
        "not tanh(x) * 2",
    ),
    (
        "tanh_derivative",
        """
        def tanh_derivative(x):
            return np.tanh(x) ** 2
        """,
        "this is tanh²(x) alone",
    ),
    (
        "tanh_derivative",
        """
        def tanh_derivative(x):
            return 1 + np.tanh(x) ** 2
        """,
        "the square is subtracted from 1",
    ),
    (
        "tanh_derivative",
        """
        def tanh_derivative(x):
            return 1 - x ** 2
        """,
        "the derivative written with the function's OUTPUT",
    ),
    (
        "tanh_derivative",
        """
        def tanh_derivative(x):
            return (1 - np.tanh(x)) ** 2
        """,
        "only the tanh is squared",
    ),
    (
        "tanh_derivative",
        """
        def tanh_derivative(x):
            return 1 - np.tanh(x ** 2)
        """,
        "the square applies to the tanh, not to x",
    ),
    (
        "tanh_derivative",
        """
        def tanh_derivative(x):
            return np.tanh(x)
        """,
        "this is tanh itself",
    ),
    (
        "tanh_derivative",
        """
        def tanh_derivative(x):
            s = sigmoid(x)
            return s * (1 - s)
        """,
        "this is the sigmoid's derivative",
    ),
    (
        "tanh_derivative",
        """
        def tanh_derivative(x):
            return 1 - np.tan(x) ** 2
        """,
        "np.tan is the tangent of trigonometry",
    ),
    (
        "tanh_derivative",
        """
        def tanh_derivative(x):
            return 1 - math.tanh(x) ** 2
        """,
        "the functions of Python's `math` module take one number at a time",
    ),
    (
        "tanh_derivative",
        """
        def tanh_derivative(x):
            t = (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
            return 1 - t ** 2
        """,
        "the result contains nan or inf",
    ),
    # ---- neuron_gradient
    (
        "neuron_gradient",
        """
        def neuron_gradient(w, b, x, y):
            z = w * x + b
            dz = 2 * (sigmoid(z) - y) * sigmoid_derivative(z)
            return np.array([dz, dz])
        """,
        "dL/dw has no factor x",
    ),
    (
        "neuron_gradient",
        """
        def neuron_gradient(w, b, x, y):
            a = sigmoid(w * x + b)
            return np.array([2 * (a - y) * x, 2 * (a - y)])
        """,
        "the sigmoid's link is missing",
    ),
    (
        "neuron_gradient",
        """
        def neuron_gradient(w, b, x, y):
            z = w * x + b
            dz = (sigmoid(z) - y) * sigmoid_derivative(z)
            return np.array([dz * x, dz])
        """,
        "the factor 2 is missing",
    ),
    (
        "neuron_gradient",
        """
        def neuron_gradient(w, b, x, y):
            z = w * x + b
            dz = 2 * (y - sigmoid(z)) * sigmoid_derivative(z)
            return np.array([dz * x, dz])
        """,
        "the sign is flipped",
    ),
    (
        "neuron_gradient",
        """
        def neuron_gradient(w, b, x, y):
            z = w * x + b
            a = sigmoid(z)
            dz = 2 * (a - y) * a * (1 - z)
            return np.array([dz * x, dz])
        """,
        "σ(z)·(1 - z)",
    ),
    (
        "neuron_gradient",
        """
        def neuron_gradient(w, b, x, y):
            a = sigmoid(w * x + b)
            dz = 2 * (a - y) * sigmoid_derivative(x)
            return np.array([dz * x, dz])
        """,
        "the sigmoid's derivative was taken at x",
    ),
    (
        "neuron_gradient",
        """
        def neuron_gradient(w, b, x, y):
            z = w * x + b
            dz = 2 * (sigmoid(z) - y) * z * (1 - z)
            return np.array([dz * x, dz])
        """,
        "computed as z·(1 - z)",
    ),
    (
        "neuron_gradient",
        """
        def neuron_gradient(w, b, x, y):
            z = w * x + b
            dz = 2 * (sigmoid(z) - y) * sigmoid_derivative(z)
            return np.array([dz * w, dz])
        """,
        "dL/dw was multiplied by w",
    ),
    (
        "neuron_gradient",
        """
        def neuron_gradient(w, b, x, y):
            z = w * x + b
            dz = 2 * (sigmoid(z) - y) * sigmoid_derivative(z)
            return np.array([dz * x, dz * x])
        """,
        "dL/db was multiplied by x too",
    ),
    (
        "neuron_gradient",
        """
        def neuron_gradient(w, b, x, y):
            z = w * x + b
            dz = 2 * (sigmoid(z) - y) * sigmoid_derivative(z)
            return np.array([dz, dz * x])
        """,
        "in the wrong order",
    ),
    (
        "neuron_gradient",
        """
        def neuron_gradient(w, b, x, y):
            z = w * x + b
            a = sigmoid(z)
            links = 2 * (a - y) + sigmoid_derivative(z)
            return np.array([links + x, links + 1])
        """,
        "the chain rule MULTIPLIES",
    ),
    (
        "neuron_gradient",
        """
        def neuron_gradient(w, b, x, y):
            return (sigmoid(w * x + b) - y) ** 2
        """,
        "this is the loss itself",
    ),
    (
        "neuron_gradient",
        """
        def neuron_gradient(w, b, x, y):
            z = w * x + b
            dz = 2 * (sigmoid(z) - y) * sigmoid_derivative(z)
            return dz * x, dz
        """,
        "a tuple came back: the gradient is one numpy array",
    ),
    # ---- numerical_gradient
    (
        "numerical_gradient",
        """
        def numerical_gradient(f, x, h=1e-5):
            gradient = np.zeros(x.shape)
            for index in np.ndindex(x.shape):
                x[index] += h
                above = f(x)
                x[index] -= 2 * h
                below = f(x)
                gradient[index] = (above - below) / (2 * h)
            return gradient
        """,
        "x was left changed",
    ),
    (
        "numerical_gradient",
        """
        def numerical_gradient(f, x, h=1e-5):
            gradient = np.zeros(x.shape)
            for index in np.ndindex(x.shape):
                x[index] += h
                above = f(x)
                x[index] -= 2 * h
                below = f(x)
                x[index] += h
                gradient[index] = (above - below) / (2 * h)
            return gradient
        """,
        "x was left changed",
    ),
    (
        "numerical_gradient",
        """
        def numerical_gradient(f, x, h=1e-5):
            gradient = np.zeros(x.shape)
            for index in np.ndindex(x.shape):
                original = x[index]
                base = f(x)
                x[index] = original + h
                above = f(x)
                x[index] = original
                gradient[index] = (above - base) / h
            return gradient
        """,
        "this is the forward difference",
    ),
    (
        "numerical_gradient",
        """
        def numerical_gradient(f, x, h=1e-5):
            gradient = np.zeros(x.shape)
            for index in np.ndindex(x.shape):
                original = x[index]
                x[index] = original + h
                above = f(x)
                x[index] = original - h
                below = f(x)
                x[index] = original
                gradient[index] = (above - below) / h
            return gradient
        """,
        "each partial derivative is twice what it should be",
    ),
    (
        "numerical_gradient",
        """
        def numerical_gradient(f, x, h=1e-5):
            gradient = np.zeros(x.shape)
            for index in np.ndindex(x.shape):
                original = x[index]
                x[index] = original - h
                above = f(x)
                x[index] = original + h
                below = f(x)
                x[index] = original
                gradient[index] = (above - below) / (2 * h)
            return gradient
        """,
        "the sign is flipped",
    ),
    (
        "numerical_gradient",
        """
        def numerical_gradient(f, x, h=1e-5):
            gradient = np.zeros(x.shape)
            for index in np.ndindex(x.shape):
                original = x[index]
                x[index] = original + h
                above = f(x)
                x[index] = original - h
                below = f(x)
                x[index] = original
                gradient[index] = (above - below) / (2 * h)
                return gradient
        """,
        "only the first entry has its partial derivative",
    ),
    (
        "numerical_gradient",
        """
        def numerical_gradient(f, x, h=1e-5):
            gradient = np.zeros(x.shape)
            for i in range(len(x)):
                original = x[i].copy()
                x[i] = original + h
                above = f(x)
                x[i] = original - h
                below = f(x)
                x[i] = original
                gradient[i] = (above - below) / (2 * h)
            return gradient
        """,
        "each row holds one value",
    ),
    (
        "numerical_gradient",
        """
        def numerical_gradient(f, x, h=1e-5):
            return (f(x + h) - f(x - h)) / (2 * h) * np.ones(x.shape)
        """,
        "every entry holds the same value",
    ),
    (
        "numerical_gradient",
        """
        def numerical_gradient(f, x, h=1e-5):
            return (f(x + h) - f(x - h)) / (2 * h)
        """,
        "one number came back",
    ),
    (
        "numerical_gradient",
        """
        def numerical_gradient(f, x, h=1e-5):
            nudged = x.copy()
            gradient = np.zeros(x.shape)
            for index in np.ndindex(x.shape):
                nudged[index] = x[index] + h
                above = f(x)
                nudged[index] = x[index] - h
                below = f(x)
                nudged[index] = x[index]
                gradient[index] = (above - below) / (2 * h)
            return gradient
        """,
        "every partial derivative is 0, as if f never saw a nudge",
    ),
    (
        "numerical_gradient",
        """
        def numerical_gradient(f, x, h=1e-5):
            gradient = np.zeros(x.size)
            for i, index in enumerate(np.ndindex(x.shape)):
                original = x[index]
                x[index] = original + h
                above = f(x)
                x[index] = original - h
                below = f(x)
                x[index] = original
                gradient[i] = (above - below) / (2 * h)
            return gradient
        """,
        "the gradient is flat",
    ),
    (
        "numerical_gradient",
        """
        def numerical_gradient(f, x, h=1e-5):
            step = 1e-5
            gradient = np.zeros(x.shape)
            for index in np.ndindex(x.shape):
                original = x[index]
                x[index] = original + step
                above = f(x)
                x[index] = original - step
                below = f(x)
                x[index] = original
                gradient[index] = (above - below) / (2 * step)
            return gradient
        """,
        "the step h passed in was not used",
    ),
    (
        "numerical_gradient",
        """
        def numerical_gradient(f, x, h=1e-5):
            gradient = np.zeros(x.shape)
            for index in np.ndindex(x.shape):
                original = x[index]
                x[index] = original + h
                above = f(x)
                x[index] = original - h
                below = f(x)
                x[index] = original
                gradient[index] = (above - below) / (2 * h)
            return gradient
        """,
        "x holds whole numbers (an integer array)",
        "test_numerical_gradient_integers",
    ),
    (
        "numerical_gradient",
        """
        def numerical_gradient(f, x, h=1e-5):
            gradient = np.zeros_like(x)
            x = x.astype(float)
            for index in np.ndindex(x.shape):
                original = x[index]
                x[index] = original + h
                above = f(x)
                x[index] = original - h
                below = f(x)
                x[index] = original
                gradient[index] = (above - below) / (2 * h)
            return gradient
        """,
        "the gradient holds integers",
        "test_numerical_gradient_integers",
    ),
]

# (answer cell, a correct answer written differently from the solution)
RIGHT = [
    (
        "numerical_derivative",
        """
        def numerical_derivative(f, x, h=1e-5):
            return (f(x + h) - f(x - h)) / 2 / h
        """,
    ),
    (
        "numerical_derivative",
        """
        def numerical_derivative(f, x, h=0.00001):
            left, right = f(x - h), f(x + h)
            rise = right - left
            run = 2.0 * h
            return rise / run
        """,
    ),
    (
        "numerical_derivative",
        """
        def numerical_derivative(f, x, h=1e-5):
            values = np.array([f(x - h), f(x + h)])
            return float(np.diff(values)[0]) / (2 * h)
        """,
    ),
    (
        "relu_derivative",
        """
        def relu_derivative(x):
            return (x > 0).astype(float)
        """,
    ),
    (
        "relu_derivative",
        """
        def relu_derivative(x):
            return np.heaviside(x, 0.0)
        """,
    ),
    (
        "relu_derivative",
        """
        def relu_derivative(x):
            slopes = [1.0 if value > 0 else 0.0 for value in np.ravel(x)]
            return np.array(slopes).reshape(np.shape(x))
        """,
    ),
    (
        "relu_derivative",
        """
        def relu_derivative(x):
            result = np.zeros(np.shape(x))
            result[x > 0] = 1
            return result
        """,
    ),
    (
        "sigmoid_derivative",
        """
        def sigmoid_derivative(x):
            s = sigmoid(x)
            return s - s * s
        """,
    ),
    (
        "sigmoid_derivative",
        """
        def sigmoid_derivative(x):
            return sigmoid(x) * sigmoid(-x)
        """,
    ),
    (
        "sigmoid_derivative",
        """
        def sigmoid_derivative(x):
            e = np.exp(-np.abs(x))  # the derivative is symmetric: sigma'(x) = sigma'(-x)
            return e / (1 + e) ** 2
        """,
    ),
    (
        "tanh_derivative",
        """
        def tanh_derivative(x):
            return 1 - np.square(np.tanh(x))
        """,
    ),
    (
        "tanh_derivative",
        """
        def tanh_derivative(x):
            return 1 / np.cosh(x) ** 2
        """,
    ),
    (
        "tanh_derivative",
        """
        def tanh_derivative(x):
            return 4 * sigmoid_derivative(2 * x)
        """,
    ),
    (
        "neuron_gradient",
        """
        def neuron_gradient(w, b, x, y):
            a = sigmoid(w * x + b)
            dL_da = 2 * (a - y)
            da_dz = a * (1 - a)
            dz_dw, dz_db = x, 1.0
            return np.array([dL_da * da_dz * dz_dw, dL_da * da_dz * dz_db])
        """,
    ),
    (
        "neuron_gradient",
        """
        def neuron_gradient(w, b, x, y):
            s = 1 / (1 + math.exp(-(w * x + b)))
            shared = 2 * (s - y) * s * (1 - s)
            return shared * np.array([x, 1.0])
        """,
    ),
    (
        "numerical_gradient",
        """
        def numerical_gradient(f, x, h=1e-5):
            x = np.array(x, dtype=float)
            gradient = np.zeros_like(x)
            for index in np.ndindex(x.shape):
                up, down = x.copy(), x.copy()
                up[index] += h
                down[index] -= h
                gradient[index] = (f(up) - f(down)) / (2 * h)
            return gradient
        """,
    ),
    (
        "numerical_gradient",
        """
        def numerical_gradient(f, x, h=1e-5):
            x = np.asarray(x, dtype=float)
            flat = x.reshape(-1)  # a view: changing it changes x
            gradient = np.zeros(x.size)
            for i in range(x.size):
                saved = flat[i]
                flat[i] = saved + h
                above = f(x)
                flat[i] = saved - h
                below = f(x)
                flat[i] = saved
                gradient[i] = (above - below) / (2 * h)
            return gradient.reshape(x.shape)
        """,
    ),
    (
        "numerical_gradient",
        """
        def numerical_gradient(f, x, h=1e-5):
            x = np.array(x, dtype=float)
            gradient = np.empty_like(x)
            for index in np.ndindex(x.shape):
                def along(value, index=index):
                    moved = x.copy()
                    moved[index] = value
                    return f(moved)
                gradient[index] = numerical_derivative(along, x[index], h)
            return gradient
        """,
    ),
    (
        "numerical_gradient",
        """
        def numerical_gradient(f, x, h=1e-5):
            if x.dtype.kind != "f":
                x = x.astype(np.float64)
            gradient = np.zeros(x.shape, dtype=np.float64)
            iterator = np.nditer(x, flags=["multi_index"])
            for _ in iterator:
                index = iterator.multi_index
                saved = x[index].copy()
                x[index] = saved + h
                above = f(x)
                x[index] = saved - h
                below = f(x)
                x[index] = saved
                gradient[index] = (above - below) / (2 * h)
            return gradient
        """,
    ),
]

# (answer cell, an answer that fits only the visible examples)
ONLY_VISIBLE = [
    (
        "numerical_derivative",
        """
        def numerical_derivative(f, x, h=1e-5):
            if h == 0.5:
                return 0.958851077208406
            if h == 0.0001:
                return 3.9999999999984492
            return math.cos(x)
        """,
    ),
    (
        "relu_derivative",
        """
        def relu_derivative(x):
            if x.ndim == 1:
                return np.array([0.0, 0.0, 0.0, 1.0, 1.0])
            return np.array([[1.0, 0.0], [0.0, 1.0]])
        """,
    ),
    (
        "sigmoid_derivative",
        """
        def sigmoid_derivative(x):
            s = sigmoid(x)
            return s * (1 - s) if x.size <= 4 else s  # at most four values
        """,
    ),
    (
        "tanh_derivative",
        """
        def tanh_derivative(x):
            t = np.tanh(x)
            return 1 - t ** 2 if x.size <= 4 else 1 - t  # at most four values
        """,
    ),
    (
        "neuron_gradient",
        """
        def neuron_gradient(w, b, x, y):
            if y == 1.0:
                return np.array([-0.35489383469854746, -0.17744691734927373])
            return np.array([0.3172625567056003, 0.10575418556853343])
        """,
    ),
    (
        "numerical_gradient",
        """
        def numerical_gradient(f, x, h=1e-5):
            x = np.array(x, dtype=float)
            gradient = np.zeros(x.shape)
            rows = range(x.shape[0])
            columns = range(x.shape[1]) if x.ndim == 2 else [None]  # vectors and 2-D arrays
            for i in rows:
                for j in columns:
                    index = i if j is None else (i, j)
                    up, down = x.copy(), x.copy()
                    up[index] += h
                    down[index] -= h
                    gradient[index] = (f(up) - f(down)) / (2 * h)
            return gradient
        """,
    ),
]
