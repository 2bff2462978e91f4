"""The course's optimizers (notebook 11), with the book's names and interface (chapter 10).

Every optimizer changes a layer's parameters from their gradients, one training step at a
time, through the same three calls::

    optimizer.pre_update_params()        # once per step: the learning rate, after decay
    for layer in (dense1, dense2):
        optimizer.update_params(layer)   # each layer with parameters
    optimizer.post_update_params()       # once per step: iterations += 1

A *layer* is anything with ``weights`` and ``biases`` (arrays) and their gradients
``dweights`` and ``dbiases`` of the same shapes, such as :class:`nbhelpers.layers.DenseLayer`
after ``backward``. What an optimizer remembers about a parameter between steps (its
momentum, its cache) is kept on the layer, next to the parameter, as the book does:
``weight_momentums``, ``bias_momentums``, ``weight_cache``, ``bias_cache``, each of its
parameter's shape, zeros before the first update.

The learning rate decays with the number of steps taken, ``iterations``:
``current_learning_rate = learning_rate / (1 + decay * iterations)``.

Notebook 12's training playground trains with these, and the notebooks' tests compare the
student's optimizers with them.
"""

from __future__ import annotations

import numpy as np

PARAMETERS = ("weights", "biases")
# The names of what an optimizer keeps on a layer, per parameter (the book's).
MOMENTUMS = {"weights": "weight_momentums", "biases": "bias_momentums"}
CACHES = {"weights": "weight_cache", "biases": "bias_cache"}


def _kept(layer, name: str, like: np.ndarray) -> np.ndarray:
    """The array ``layer.<name>``, zeros of ``like``'s shape the first time."""
    if not hasattr(layer, name):
        setattr(layer, name, np.zeros_like(like))
    return getattr(layer, name)


class Optimizer:
    """What every optimizer shares: the learning rate, its decay and the step counter.

    Args:
        learning_rate: float, the size of a step for a gradient of 1 (before decay).
        decay: float, how fast the learning rate falls with the steps taken (0: never).

    Attributes:
        learning_rate, decay: as given.
        current_learning_rate: float, the learning rate of this step, set by
            :meth:`pre_update_params`.
        iterations: int, the number of steps taken (updates finished), 0 to start.
    """

    def __init__(self, learning_rate: float, decay: float = 0.0):
        self.learning_rate = learning_rate
        self.current_learning_rate = learning_rate
        self.decay = decay
        self.iterations = 0

    def pre_update_params(self) -> None:
        """Before a step's updates: the learning rate for this step, after decay."""
        if self.decay:
            self.current_learning_rate = self.learning_rate / (1.0 + self.decay * self.iterations)

    def update_params(self, layer) -> None:  # pragma: no cover -- each optimizer has its own
        raise NotImplementedError

    def post_update_params(self) -> None:
        """After a step's updates: one more step taken."""
        self.iterations += 1


class SGD(Optimizer):
    """Stochastic gradient descent, with optional momentum (the book's ``Optimizer_SGD``).

    Without momentum each parameter moves against its gradient:
    ``p += -current_learning_rate * dp``. With momentum the step keeps a fraction of the
    last one: ``update = momentum * last_update - current_learning_rate * dp``, kept on the
    layer (``weight_momentums``, ``bias_momentums``) and added to the parameter.

    Args:
        learning_rate: float (the book's default 1.0); decay: float (0.0);
        momentum: float between 0 and 1, the fraction of the last step kept (0.0: none).
    """

    def __init__(self, learning_rate: float = 1.0, decay: float = 0.0, momentum: float = 0.0):
        super().__init__(learning_rate, decay)
        self.momentum = momentum

    def update_params(self, layer) -> None:
        """One step of the layer's ``weights`` and ``biases`` against their gradients.

        Args:
            layer: has ``weights`` (n_inputs, n_neurons), ``biases`` (1, n_neurons) and
                their gradients ``dweights``, ``dbiases`` of the same shapes.
        """
        for name in PARAMETERS:
            parameter, gradient = getattr(layer, name), getattr(layer, "d" + name)
            update = -self.current_learning_rate * gradient
            if self.momentum:
                update = self.momentum * _kept(layer, MOMENTUMS[name], parameter) + update
                setattr(layer, MOMENTUMS[name], update)
            setattr(layer, name, parameter + update)


class Adagrad(Optimizer):
    """AdaGrad: each parameter's step divided by the root of its summed squared gradients.

    ``cache += dp ** 2``; ``p += -current_learning_rate * dp / (sqrt(cache) + epsilon)``,
    the cache kept on the layer (``weight_cache``, ``bias_cache``).

    Args:
        learning_rate: float (the book's default 1.0); decay: float (0.0);
        epsilon: float, keeps the division finite where the cache is 0 (1e-7).
    """

    def __init__(self, learning_rate: float = 1.0, decay: float = 0.0, epsilon: float = 1e-7):
        super().__init__(learning_rate, decay)
        self.epsilon = epsilon

    def _cache(self, old: np.ndarray, gradient: np.ndarray) -> np.ndarray:
        return old + gradient**2

    def update_params(self, layer) -> None:
        """One step of the layer's parameters, each scaled by its own cache (see the class)."""
        for name in PARAMETERS:
            parameter, gradient = getattr(layer, name), getattr(layer, "d" + name)
            cache = self._cache(_kept(layer, CACHES[name], parameter), gradient)
            setattr(layer, CACHES[name], cache)
            step = self.current_learning_rate * gradient / (np.sqrt(cache) + self.epsilon)
            setattr(layer, name, parameter - step)


class RMSprop(Adagrad):
    """RMSProp: AdaGrad with a cache that forgets, a moving average of squared gradients.

    ``cache = rho * cache + (1 - rho) * dp ** 2``; the step as AdaGrad's.

    Args:
        learning_rate: float (the book's default 0.001); decay: float (0.0);
        epsilon: float (1e-7); rho: float, the fraction of the cache kept each step (0.9).
    """

    def __init__(
        self,
        learning_rate: float = 0.001,
        decay: float = 0.0,
        epsilon: float = 1e-7,
        rho: float = 0.9,
    ):
        super().__init__(learning_rate, decay, epsilon)
        self.rho = rho

    def _cache(self, old: np.ndarray, gradient: np.ndarray) -> np.ndarray:
        return self.rho * old + (1 - self.rho) * gradient**2


class Adam(Optimizer):
    """Adam: momentum and an RMSProp cache, both corrected for starting at zero.

    ``m = beta_1 * m + (1 - beta_1) * dp`` and ``cache = beta_2 * cache + (1 - beta_2) *
    dp ** 2`` (kept on the layer: ``weight_momentums``, ``weight_cache``, ...); each is
    divided by ``1 - beta ** (iterations + 1)`` (the bias correction: ``iterations`` counts
    the steps already taken, and this is step ``iterations + 1``), then
    ``p += -current_learning_rate * m_corrected / (sqrt(cache_corrected) + epsilon)``.

    Args:
        learning_rate: float (the book's default 0.001); decay: float (0.0);
        epsilon: float (1e-7); beta_1: float, the momentum's fraction kept (0.9);
        beta_2: float, the cache's fraction kept (0.999).
    """

    def __init__(
        self,
        learning_rate: float = 0.001,
        decay: float = 0.0,
        epsilon: float = 1e-7,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
    ):
        super().__init__(learning_rate, decay)
        self.epsilon, self.beta_1, self.beta_2 = epsilon, beta_1, beta_2

    def update_params(self, layer) -> None:
        """One step of the layer's parameters (see the class)."""
        step_number = self.iterations + 1
        for name in PARAMETERS:
            parameter, gradient = getattr(layer, name), getattr(layer, "d" + name)
            momentum = self.beta_1 * _kept(layer, MOMENTUMS[name], parameter)
            momentum = momentum + (1 - self.beta_1) * gradient
            cache = self.beta_2 * _kept(layer, CACHES[name], parameter)
            cache = cache + (1 - self.beta_2) * gradient**2
            setattr(layer, MOMENTUMS[name], momentum)
            setattr(layer, CACHES[name], cache)
            corrected = momentum / (1 - self.beta_1**step_number)
            cache_corrected = cache / (1 - self.beta_2**step_number)
            step = (
                self.current_learning_rate * corrected / (np.sqrt(cache_corrected) + self.epsilon)
            )
            setattr(layer, name, parameter - step)
