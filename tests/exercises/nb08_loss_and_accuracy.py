"""Notebook 08 · Loss and accuracy: answers students write to its exercises.

See :mod:`tests.exercises` for what WRONG, RIGHT and ONLY_VISIBLE hold and how they are
read, and tests/test_exercises.py for how they are run.
"""

ASSIGNMENT = "08-loss-and-accuracy"

# (answer cell, wrong answer, words the failure must contain)
WRONG = [
    # ---- crossentropy_python
    (
        "crossentropy_python",
        """
        def crossentropy_python(probabilities, one_hot):
            return -sum(y * math.log(p) for p, y in zip(probabilities, one_hot))
        """,
        "skip it instead of taking its log",
    ),
    (
        "crossentropy_python",
        """
        def crossentropy_python(probabilities, one_hot):
            return float(-np.sum(np.array(one_hot) * np.log(probabilities)))
        """,
        "0 × -inf is nan",
    ),
    (
        "crossentropy_python",
        """
        def crossentropy_python(probabilities, one_hot):
            return math.log(probabilities[list(one_hot).index(1)])
        """,
        "Look for the minus sign",
    ),
    (
        "crossentropy_python",
        """
        def crossentropy_python(probabilities, one_hot):
            return -math.log10(probabilities[list(one_hot).index(1)])
        """,
        "logarithm to base 10",
    ),
    (
        "crossentropy_python",
        """
        def crossentropy_python(probabilities, one_hot):
            return -math.log2(probabilities[list(one_hot).index(1)])
        """,
        "logarithm to base 2",
    ),
    (
        "crossentropy_python",
        """
        def crossentropy_python(probabilities, one_hot):
            return -math.log(probabilities[0])
        """,
        "loss of class 0 whatever the target",
    ),
    (
        "crossentropy_python",
        """
        def crossentropy_python(probabilities, one_hot):
            return -math.log(max(probabilities))
        """,
        "minus the log of the LARGEST probability",
    ),
    (
        "crossentropy_python",
        """
        def crossentropy_python(probabilities, one_hot):
            return 1 - probabilities[list(one_hot).index(1)]
        """,
        "1 minus the probability of the true class",
    ),
    (
        "crossentropy_python",
        """
        def crossentropy_python(probabilities, one_hot):
            terms = [-y * math.log(p) for p, y in zip(probabilities, one_hot) if y]
            return sum(terms) / len(probabilities)
        """,
        "divided by the number of classes",
    ),
    (
        "crossentropy_python",
        """
        def crossentropy_python(probabilities, one_hot):
            loss = 0.0
            for p, y in zip(probabilities, one_hot):
                if y != 0:
                    loss -= y * math.log(p)
                return loss
        """,
        "look for a return inside the loop",
    ),
    (
        "crossentropy_python",
        """
        def crossentropy_python(probabilities, one_hot):
            return [-y * math.log(p) if y else 0.0 for p, y in zip(probabilities, one_hot)]
        """,
        "these are the terms of the sum",
    ),
    (
        "crossentropy_python",
        """
        def crossentropy_python(probabilities, one_hot):
            return -math.log(probabilities[one_hot])
        """,
        "one_hot is the whole list of targets",
    ),
    (
        "crossentropy_python",
        """
        def crossentropy_python(probabilities, one_hot):
            return -sum(math.log(probabilities) * one_hot)
        """,
        "math.log takes one number",
    ),
    (
        "crossentropy_python",
        """
        def crossentropy_python(probabilities, one_hot):
            return round(-math.log(probabilities[list(one_hot).index(1)]), 4)
        """,
        "the loss is rounded",
    ),
    (
        "crossentropy_python",
        """
        def crossentropy_python(probabilities, one_hot):
            return 0.35667494393873245
        """,
        "is it hard-coded?",
    ),
    # ---- categorical_crossentropy
    (
        "categorical_crossentropy",
        """
        def categorical_crossentropy(probabilities, targets):
            if targets.ndim == 1:
                picked = probabilities[np.arange(len(probabilities)), targets]
            else:
                picked = np.sum(probabilities * targets, axis=1)
            return -np.log(picked)
        """,
        "a 0 reached the log",
    ),
    (
        "categorical_crossentropy",
        """
        def categorical_crossentropy(probabilities, targets):
            if targets.ndim == 2:
                targets = np.argmax(targets, axis=1)
            return -np.log(probabilities[np.arange(len(probabilities)), targets] + 1e-7)
        """,
        "1e-7 is added to every probability instead of clipping",
    ),
    (
        "categorical_crossentropy",
        """
        def categorical_crossentropy(probabilities, targets):
            clipped = np.clip(probabilities, 1e-7, None)
            if targets.ndim == 2:
                targets = np.argmax(targets, axis=1)
            return -np.log(clipped[np.arange(len(clipped)), targets])
        """,
        "only the lower end is clipped",
    ),
    (
        "categorical_crossentropy",
        """
        def categorical_crossentropy(probabilities, targets):
            clipped = np.clip(probabilities, 1e-15, 1 - 1e-15)
            if targets.ndim == 2:
                targets = np.argmax(targets, axis=1)
            return -np.log(clipped[np.arange(len(clipped)), targets])
        """,
        "but not to [1e-7, 1 - 1e-7]",
    ),
    (
        "categorical_crossentropy",
        """
        def categorical_crossentropy(probabilities, targets):
            clipped = np.clip(probabilities, 1e-7, 1 - 1e-7)
            return -np.log(clipped[range(len(clipped)), targets])
        """,
        "one-hot targets (a 2-D array, one row of 0s and a 1 per sample) were used",
    ),
    (
        "categorical_crossentropy",
        """
        def categorical_crossentropy(probabilities, targets):
            clipped = np.clip(probabilities, 1e-7, 1 - 1e-7)
            return -np.log(np.sum(clipped * targets, axis=1))
        """,
        "class indices (a 1-D array, one whole number per sample) were treated as one-hot rows",
    ),
    (
        "categorical_crossentropy",
        """
        def categorical_crossentropy(probabilities, targets):
            classes = np.argmax(targets, axis=1)
            clipped = np.clip(probabilities, 1e-7, 1 - 1e-7)
            return -np.log(clipped[np.arange(len(clipped)), classes])
        """,
        "class indices (a 1-D array, one whole number per sample) were treated as one-hot rows",
    ),
    (
        "categorical_crossentropy",
        """
        def categorical_crossentropy(probabilities, targets):
            if targets.ndim == 1:
                targets = np.eye(probabilities.shape[1])[targets]
            clipped = np.clip(probabilities, 1e-7, 1 - 1e-7)
            return -np.log(np.sum(clipped * targets, axis=0))
        """,
        "added down the columns, axis 0",
    ),
    (
        "categorical_crossentropy",
        """
        def categorical_crossentropy(probabilities, targets):
            if targets.ndim == 1:
                targets = np.eye(probabilities.shape[1])[targets]
            return np.sum(-np.log(np.clip(probabilities, 1e-7, 1 - 1e-7)) * targets, axis=0)
        """,
        "added down the columns (axis 0)",
    ),
    (
        "categorical_crossentropy",
        """
        def categorical_crossentropy(probabilities, targets):
            if targets.ndim == 2:
                targets = np.argmax(targets, axis=1)
            clipped = np.clip(probabilities, 1e-7, 1 - 1e-7)
            return np.mean(-np.log(clipped[np.arange(len(clipped)), targets]))
        """,
        "this is the batch's mean loss",
    ),
    (
        "categorical_crossentropy",
        """
        def categorical_crossentropy(probabilities, targets):
            clipped = np.clip(probabilities, 1e-7, 1 - 1e-7)
            return -np.log(clipped[targets])
        """,
        "picks whole rows",
    ),
    (
        "categorical_crossentropy",
        """
        def categorical_crossentropy(probabilities, targets):
            if targets.ndim == 2:
                targets = np.argmax(targets, axis=1)
            clipped = np.clip(probabilities, 1e-7, 1 - 1e-7)
            return -np.log(clipped[:, targets])
        """,
        "picks every sample's probability of every target class",
    ),
    (
        "categorical_crossentropy",
        """
        def categorical_crossentropy(probabilities, targets):
            if targets.ndim == 2:
                targets = np.argmax(targets, axis=1)
            for i in range(len(probabilities)):
                return -np.log(np.clip(probabilities[i, targets[i]], 1e-7, 1 - 1e-7))
        """,
        "only the first sample's loss came back",
    ),
    (
        "categorical_crossentropy",
        """
        def categorical_crossentropy(probabilities, targets):
            if targets.ndim == 2:
                targets = np.argmax(targets, axis=1)
            np.clip(probabilities, 1e-7, 1 - 1e-7, out=probabilities)
            return -np.log(probabilities[np.arange(len(probabilities)), targets])
        """,
        "changed its input `probabilities` in place",
    ),
    (
        "categorical_crossentropy",
        """
        def categorical_crossentropy(probabilities, targets):
            if targets.ndim == 1:
                targets = np.eye(probabilities.shape[1])[targets]
            pairs = zip(probabilities, targets)
            return np.array([crossentropy_python(list(p), list(t)) for p, t in pairs])
        """,
        "a 0 reached the log",
    ),
    (
        "categorical_crossentropy",
        """
        def categorical_crossentropy(probabilities, targets):
            return np.array([0.35667494393873245, 0.6931471805599453, 0.10536051565782628])
        """,
        "is it hard-coded?",
    ),
    # ---- CategoricalCrossentropy
    (
        "CategoricalCrossentropy",
        """
        class CategoricalCrossentropy:
            def forward(self, probabilities, targets):
                return categorical_crossentropy(probabilities, targets)
            def calculate(self, probabilities, targets):
                return np.sum(self.forward(probabilities, targets))
        """,
        "not divided by the number of samples",
    ),
    (
        "CategoricalCrossentropy",
        """
        class CategoricalCrossentropy:
            def forward(self, probabilities, targets):
                return categorical_crossentropy(probabilities, targets)
            def calculate(self, probabilities, targets):
                return np.sum(self.forward(probabilities, targets)) / probabilities.shape[1]
        """,
        "divided by the number of classes",
    ),
    (
        "CategoricalCrossentropy",
        """
        class CategoricalCrossentropy:
            def forward(self, probabilities, targets):
                return categorical_crossentropy(probabilities, targets)
            def calculate(self, probabilities, targets):
                return self.forward(probabilities, targets)
        """,
        "calculate returns one loss per sample",
    ),
    (
        "CategoricalCrossentropy",
        """
        class CategoricalCrossentropy:
            def forward(self, probabilities, targets):
                return np.mean(categorical_crossentropy(probabilities, targets))
            def calculate(self, probabilities, targets):
                return self.forward(probabilities, targets)
        """,
        "forward returns the mean loss",
    ),
    (
        "CategoricalCrossentropy",
        """
        class CategoricalCrossentropy:
            def forward(self, probabilities, targets):
                return categorical_crossentropy(probabilities, targets)
            def calculate(self, probabilities, targets):
                if targets.ndim == 2:
                    targets = np.argmax(targets, axis=1)
                clipped = np.clip(probabilities, 1e-7, 1 - 1e-7)
                return -np.log(np.mean(clipped[np.arange(len(clipped)), targets]))
        """,
        "minus the log of the MEAN probability",
    ),
    (
        "CategoricalCrossentropy",
        """
        class CategoricalCrossentropy:
            def forward(self, probabilities, targets):
                return categorical_crossentropy(probabilities, targets)
            def calculate(self, probabilities, targets):
                if targets.ndim == 1:
                    targets = np.eye(probabilities.shape[1])[targets]
                return np.mean(-np.log(np.clip(probabilities, 1e-7, 1 - 1e-7)) * targets)
        """,
        "over every entry of the n × K table",
    ),
    (
        "CategoricalCrossentropy",
        """
        class CategoricalCrossentropy:
            def forward(self, probabilities, targets):
                return categorical_crossentropy(probabilities, targets)
            def calculate(self, probabilities, targets):
                if targets.ndim == 1:
                    targets = np.eye(probabilities.shape[1])[targets]
                table = -np.log(np.clip(probabilities, 1e-7, 1 - 1e-7)) * targets
                return np.mean(table, axis=0)
        """,
        "a mean per class (axis 0",
    ),
    (
        "CategoricalCrossentropy",
        """
        class CategoricalCrossentropy:
            def forward(self, probabilities, targets):
                return categorical_crossentropy(probabilities, targets)
            def calculate(self, probabilities, targets):
                losses = self.forward(probabilities, targets)
                return np.sum(losses) // len(losses)
        """,
        "floor division",
    ),
    (
        "CategoricalCrossentropy",
        """
        class CategoricalCrossentropy:
            def forward(probabilities, targets):
                return categorical_crossentropy(probabilities, targets)
            def calculate(probabilities, targets):
                return np.mean(categorical_crossentropy(probabilities, targets))
        """,
        "their parameters are self",
    ),
    (
        "CategoricalCrossentropy",
        """
        class CategoricalCrossentropy:
            def __init__(self, probabilities, targets):
                self.probabilities, self.targets = probabilities, targets
            def forward(self, probabilities, targets):
                return categorical_crossentropy(probabilities, targets)
            def calculate(self, probabilities, targets):
                return np.mean(self.forward(probabilities, targets))
        """,
        "is made without arguments",
    ),
    (
        "CategoricalCrossentropy",
        """
        class Loss:
            def calculate(self, probabilities, targets):
                return np.mean(self.forward(probabilities))
        class CategoricalCrossentropy(Loss):
            def forward(self, probabilities, targets):
                return categorical_crossentropy(probabilities, targets)
        """,
        "calculate must pass both on",
    ),
    (
        "CategoricalCrossentropy",
        """
        class CategoricalCrossentropy:
            def forward(self, probabilities, targets):
                clipped = np.clip(probabilities, 1e-7, 1 - 1e-7)
                if targets.ndim == 2:
                    targets = np.argmax(targets, axis=1)
                return -np.log10(clipped[np.arange(len(clipped)), targets])
            def calculate(self, probabilities, targets):
                return np.mean(self.forward(probabilities, targets))
        """,
        "logarithm to base 10",
    ),
    (
        "CategoricalCrossentropy",
        """
        class CategoricalCrossentropy:
            def forward(self, probabilities, targets):
                return categorical_crossentropy(probabilities, targets)
            def calculate(self, probabilities, targets):
                return 0.38506088005216804
        """,
        "is it hard-coded?",
    ),
    # ---- accuracy
    (
        "accuracy",
        """
        def accuracy(probabilities, targets):
            if targets.ndim == 2:
                targets = np.argmax(targets, axis=1)
            return np.mean(np.argmax(probabilities, axis=0) == targets)
        """,
        "the predictions and the targets do not line up",
    ),
    (
        "accuracy",
        """
        def accuracy(probabilities, targets):
            if targets.ndim == 2:
                targets = np.argmax(targets, axis=1)
            return np.sum(np.argmax(probabilities, axis=1) == targets)
        """,
        "the number of correct predictions",
    ),
    (
        "accuracy",
        """
        def accuracy(probabilities, targets):
            if targets.ndim == 2:
                targets = np.argmax(targets, axis=1)
            return np.sum(np.argmax(probabilities, axis=1) == targets) // len(targets)
        """,
        "floor division",
    ),
    (
        "accuracy",
        """
        def accuracy(probabilities, targets):
            if targets.ndim == 2:
                targets = np.argmax(targets, axis=1)
            return 100 * np.mean(np.argmax(probabilities, axis=1) == targets)
        """,
        "this is a percentage",
    ),
    (
        "accuracy",
        """
        def accuracy(probabilities, targets):
            if targets.ndim == 2:
                targets = np.argmax(targets, axis=1)
            return np.mean(np.argmax(probabilities, axis=1) != targets)
        """,
        "the fraction of WRONG predictions",
    ),
    (
        "accuracy",
        """
        def accuracy(probabilities, targets):
            if targets.ndim == 2:
                targets = np.argmax(targets, axis=1)
            return np.mean(np.argmin(probabilities, axis=1) == targets)
        """,
        "argmin gives the LEAST probable class",
    ),
    (
        "accuracy",
        """
        def accuracy(probabilities, targets):
            if targets.ndim == 2:
                targets = np.argmax(targets, axis=1)
            return np.mean(np.max(probabilities, axis=1) == targets)
        """,
        "compared with the class labels",
    ),
    (
        "accuracy",
        """
        def accuracy(probabilities, targets):
            return np.mean(np.argmax(probabilities, axis=1) == targets)
        """,
        "one-hot targets must become class indices",
    ),
    (
        "accuracy",
        """
        def accuracy(probabilities, targets):
            return np.mean(np.argmax(probabilities, axis=1) == np.argmax(targets, axis=1))
        """,
        "class indices (a 1-D array, one whole number per sample) were treated as one-hot rows",
    ),
    (
        "accuracy",
        """
        def accuracy(probabilities, targets):
            n_classes = probabilities.shape[1]
            if targets.ndim == 1:
                targets = np.eye(n_classes)[targets]
            return np.mean(np.eye(n_classes)[np.argmax(probabilities, axis=1)] == targets)
        """,
        "also counts the 0s that agree",
    ),
    (
        "accuracy",
        """
        def accuracy(probabilities, targets):
            if targets.ndim == 2:
                targets = np.argmax(targets, axis=1)
            correct = 0
            for row, target in zip(probabilities, targets):
                if np.argmax(row) == target:
                    correct += 1
                return correct / len(targets)
        """,
        "only the first sample was judged",
    ),
    (
        "accuracy",
        """
        def accuracy(probabilities, targets):
            if targets.ndim == 2:
                targets = np.argmax(targets, axis=1)
            return np.argmax(probabilities, axis=1) == targets
        """,
        "one True/False per sample",
    ),
    (
        "accuracy",
        """
        def accuracy(probabilities, targets):
            return np.argmax(probabilities, axis=1)
        """,
        "these are the predicted classes",
    ),
    (
        "accuracy",
        """
        def accuracy(probabilities, targets):
            return 2 / 3
        """,
        "is it hard-coded?",
    ),
    # ---- untrained_loss_and_accuracy
    (
        "untrained_loss_and_accuracy",
        """
        def untrained_loss_and_accuracy(X, y, rng):
            dense1, dense2 = layers.DenseLayer(2, 3, rng), layers.DenseLayer(3, 3, rng)
            probabilities = layers.Softmax().forward(dense2.forward(dense1.forward(X)))
            loss = layers.CategoricalCrossentropy().calculate(probabilities, y)
            return loss, layers.accuracy(probabilities, y)
        """,
        "the ReLU between the two dense layers is missing",
    ),
    (
        "untrained_loss_and_accuracy",
        """
        def untrained_loss_and_accuracy(X, y, rng):
            dense2 = layers.DenseLayer(3, 3, rng)
            dense1 = layers.DenseLayer(2, 3, rng)
            hidden = layers.ReLU().forward(dense1.forward(X))
            probabilities = layers.Softmax().forward(dense2.forward(hidden))
            loss = layers.CategoricalCrossentropy().calculate(probabilities, y)
            return loss, layers.accuracy(probabilities, y)
        """,
        "the second dense layer was created first",
    ),
    (
        "untrained_loss_and_accuracy",
        """
        def untrained_loss_and_accuracy(X, y, rng):
            rng = np.random.RandomState(0)
            dense1, dense2 = layers.DenseLayer(2, 3, rng), layers.DenseLayer(3, 3, rng)
            hidden = layers.ReLU().forward(dense1.forward(X))
            probabilities = layers.Softmax().forward(dense2.forward(hidden))
            loss = layers.CategoricalCrossentropy().calculate(probabilities, y)
            return loss, layers.accuracy(probabilities, y)
        """,
        "the layers draw from a new generator",
    ),
    (
        "untrained_loss_and_accuracy",
        """
        def untrained_loss_and_accuracy(X, y, rng):
            dense1, dense2 = layers.DenseLayer(2, 3, rng), layers.DenseLayer(3, 3, rng)
            hidden = layers.ReLU().forward(dense1.forward(X))
            probabilities = layers.Softmax().forward(dense2.forward(hidden))
            losses = layers.categorical_crossentropy(probabilities, y)
            return np.sum(losses), layers.accuracy(probabilities, y)
        """,
        "the loss is the sum of the samples' losses",
    ),
    (
        "untrained_loss_and_accuracy",
        """
        def untrained_loss_and_accuracy(X, y, rng):
            dense1, dense2 = layers.DenseLayer(2, 3, rng), layers.DenseLayer(3, 3, rng)
            hidden = layers.ReLU().forward(dense1.forward(X))
            probabilities = layers.Softmax().forward(dense2.forward(hidden))
            correct = np.sum(np.argmax(probabilities, axis=1) == y)
            return layers.CategoricalCrossentropy().calculate(probabilities, y), correct
        """,
        "the accuracy is a count of correct predictions",
    ),
    (
        "untrained_loss_and_accuracy",
        """
        def untrained_loss_and_accuracy(X, y, rng):
            dense1, dense2 = layers.DenseLayer(2, 3, rng), layers.DenseLayer(3, 3, rng)
            hidden = layers.ReLU().forward(dense1.forward(X))
            probabilities = layers.Softmax().forward(dense2.forward(hidden))
            loss = layers.CategoricalCrossentropy().calculate(probabilities, y)
            return layers.accuracy(probabilities, y), loss
        """,
        "the loss and the accuracy are swapped",
    ),
    (
        "untrained_loss_and_accuracy",
        """
        def untrained_loss_and_accuracy(X, y, rng):
            dense1, dense2 = layers.DenseLayer(2, 3, rng), layers.DenseLayer(3, 3, rng)
            outputs = dense2.forward(layers.ReLU().forward(dense1.forward(X)))
            loss = layers.CategoricalCrossentropy().calculate(outputs, y)
            return loss, layers.accuracy(outputs, y)
        """,
        "the loss needs probabilities",
    ),
    (
        "untrained_loss_and_accuracy",
        """
        def untrained_loss_and_accuracy(X, y, rng):
            dense1, dense2 = layers.DenseLayer(2, 3, rng), layers.DenseLayer(3, 3, rng)
            hidden = layers.ReLU().forward(dense1.forward(X))
            probabilities = layers.Softmax().forward(dense2.forward(hidden))
            return math.log(3), layers.accuracy(probabilities, y)
        """,
        "the loss is exactly ln 3",
    ),
    (
        "untrained_loss_and_accuracy",
        """
        def untrained_loss_and_accuracy(X, y, rng):
            dense1, dense2 = layers.DenseLayer(2, 3, rng), layers.DenseLayer(3, 3, rng)
            hidden = layers.ReLU().forward(dense1.forward(X))
            probabilities = layers.Softmax().forward(dense2.forward(hidden))
            return layers.CategoricalCrossentropy().calculate(probabilities, y)
        """,
        "returns two, (loss, accuracy)",
    ),
    (
        "untrained_loss_and_accuracy",
        """
        def untrained_loss_and_accuracy(X, y, rng):
            dense1, dense2 = layers.DenseLayer(2, 3, rng), layers.DenseLayer(3, 3, rng)
            hidden = layers.ReLU().forward(dense1.forward(X))
            probabilities = layers.Softmax().forward(dense2.forward(hidden))
            losses = layers.categorical_crossentropy(probabilities, y)
            return losses, layers.accuracy(probabilities, y)
        """,
        "the first item holds one loss per sample",
    ),
    (
        "untrained_loss_and_accuracy",
        """
        def untrained_loss_and_accuracy(X, y, rng):
            dense1, dense2 = layers.DenseLayer(2, 3, rng), layers.DenseLayer(3, 3, rng)
            hidden = layers.ReLU().forward(dense1.forward(X))
            probabilities = layers.Softmax().forward(dense2.forward(hidden))
            loss = layers.CategoricalCrossentropy().calculate(probabilities, y)
            return loss, np.mean(np.argmax(probabilities, axis=0) == y)
        """,
        "the predictions and the targets do not line up",
    ),
    (
        "untrained_loss_and_accuracy",
        """
        def untrained_loss_and_accuracy(X, y, rng):
            W1, W2 = 0.01 * np.random.randn(2, 3), 0.01 * np.random.randn(3, 3)
            probabilities = layers.softmax(np.maximum(0, X @ W1) @ W2)
            loss = layers.CategoricalCrossentropy().calculate(probabilities, y)
            return loss, layers.accuracy(probabilities, y)
        """,
        "used numpy's global random state",
    ),
]

# (answer cell, a correct answer written differently from the solution)
RIGHT = [
    (
        "crossentropy_python",
        """
        def crossentropy_python(probabilities, one_hot):
            return -math.log(probabilities[list(one_hot).index(1)])
        """,
    ),
    (
        "crossentropy_python",
        """
        def crossentropy_python(probabilities, one_hot):
            return -math.log(sum(p * y for p, y in zip(probabilities, one_hot)))
        """,
    ),
    (
        "crossentropy_python",
        """
        def crossentropy_python(probabilities, one_hot):
            for j, y in enumerate(one_hot):
                if y == 1:
                    true_class = j
                    break
            return -math.log(probabilities[true_class])
        """,
    ),
    (
        "crossentropy_python",
        """
        import numpy as np
        def crossentropy_python(probabilities, one_hot):
            return float(-np.log(np.dot(probabilities, one_hot)))
        """,
    ),
    (
        "categorical_crossentropy",
        """
        def categorical_crossentropy(probabilities, targets):
            samples = len(probabilities)
            y_pred_clipped = np.clip(probabilities, 1e-7, 1 - 1e-7)
            if len(targets.shape) == 1:
                correct_confidences = y_pred_clipped[range(samples), targets]
            elif len(targets.shape) == 2:
                correct_confidences = np.sum(y_pred_clipped * targets, axis=1)
            return -np.log(correct_confidences)
        """,
    ),
    (
        "categorical_crossentropy",
        """
        def categorical_crossentropy(probabilities, targets):
            if targets.ndim == 2:
                targets = np.argmax(targets, axis=1)
            picked = np.take_along_axis(probabilities, targets.astype(int)[:, None], axis=1)[:, 0]
            return -np.log(np.minimum(np.maximum(picked, 1e-7), 1 - 1e-7))
        """,
    ),
    (
        "categorical_crossentropy",
        """
        def categorical_crossentropy(probabilities, targets):
            if targets.ndim == 1:
                targets = np.eye(probabilities.shape[1])[targets]
            clipped = np.clip(probabilities, 1e-7, 1 - 1e-7)
            return -np.sum(targets * np.log(clipped), axis=1)
        """,
    ),
    (
        "categorical_crossentropy",
        """
        def categorical_crossentropy(probabilities, targets):
            losses = []
            for row, target in zip(probabilities.tolist(), targets.tolist()):
                k = target.index(max(target)) if isinstance(target, list) else int(target)
                losses.append(-math.log(min(max(row[k], 1e-7), 1 - 1e-7)))
            return np.array(losses)
        """,
    ),
    (
        "categorical_crossentropy",
        """
        def categorical_crossentropy(probabilities, targets):
            if targets.ndim == 1:
                targets = np.eye(probabilities.shape[1])[targets]
            clipped = np.clip(probabilities, 1e-7, 1 - 1e-7)
            pairs = zip(clipped, targets)
            return np.array([crossentropy_python(list(p), list(t)) for p, t in pairs])
        """,
    ),
    (
        "CategoricalCrossentropy",
        """
        class CategoricalCrossentropy:
            def forward(self, probabilities, targets):
                return categorical_crossentropy(probabilities, targets)
            def calculate(self, probabilities, targets):
                losses = self.forward(probabilities, targets)
                return np.sum(losses) / len(losses)
        """,
    ),
    (
        "CategoricalCrossentropy",
        """
        class Loss:
            def calculate(self, output, y):
                sample_losses = self.forward(output, y)
                data_loss = np.mean(sample_losses)
                return data_loss
        class CategoricalCrossentropy(Loss):
            def forward(self, y_pred, y_true):
                return categorical_crossentropy(y_pred, y_true)
        """,
    ),
    (
        "CategoricalCrossentropy",
        """
        class CategoricalCrossentropy:
            def forward(self, probabilities, targets):
                if targets.ndim == 2:
                    targets = targets.argmax(axis=1)
                picked = probabilities[np.arange(len(probabilities)), targets]
                self.output = -np.log(np.clip(picked, 1e-7, 1 - 1e-7))
                return self.output
            def calculate(self, probabilities, targets):
                return float(self.forward(probabilities, targets).mean())
        """,
    ),
    (
        "accuracy",
        """
        def accuracy(probabilities, targets):
            if len(targets.shape) == 2:
                targets = np.argmax(targets, axis=1)
            correct = 0
            for row, target in zip(probabilities, targets):
                if np.argmax(row) == target:
                    correct += 1
            return correct / len(targets)
        """,
    ),
    (
        "accuracy",
        """
        def accuracy(probabilities, targets):
            predictions = probabilities.argmax(axis=-1)
            return np.count_nonzero(predictions == layers.class_indices(targets)) / len(predictions)
        """,
    ),
    (
        "accuracy",
        """
        def accuracy(probabilities, targets):
            n_classes = probabilities.shape[1]
            if targets.ndim == 1:
                targets = np.eye(n_classes)[targets]
            predicted = np.eye(n_classes)[np.argmax(probabilities, axis=1)]
            return float(np.mean(np.all(predicted == targets, axis=1)))
        """,
    ),
    (
        "untrained_loss_and_accuracy",
        """
        def untrained_loss_and_accuracy(X, y, rng):
            network = [layers.DenseLayer(2, 3, rng), layers.ReLU()]
            network += [layers.DenseLayer(3, 3, rng), layers.Softmax()]
            values = X
            for layer in network:
                values = layer.forward(values)
            return CategoricalCrossentropy().calculate(values, y), accuracy(values, y)
        """,
    ),
    (
        "untrained_loss_and_accuracy",
        """
        def untrained_loss_and_accuracy(X, y, rng):
            first, second = layers.DenseLayer(2, 3, rng), layers.DenseLayer(3, 3, rng)
            hidden = np.maximum(0, X @ first.weights + first.biases)
            probabilities = layers.softmax(hidden @ second.weights + second.biases)
            losses = categorical_crossentropy(probabilities, y)
            return float(np.mean(losses)), float(np.mean(np.argmax(probabilities, axis=1) == y))
        """,
    ),
    (
        "untrained_loss_and_accuracy",
        """
        def untrained_loss_and_accuracy(X, y, rng):
            dense1 = layers.DenseLayer(2, 3, rng)
            activation1 = layers.ReLU()
            dense2 = layers.DenseLayer(3, 3, rng)
            activation2 = layers.Softmax()
            dense1.forward(X)
            activation1.forward(dense1.output)
            dense2.forward(activation1.output)
            activation2.forward(dense2.output)
            loss_function = layers.CategoricalCrossentropy()
            loss = loss_function.calculate(activation2.output, y)
            predictions = np.argmax(activation2.output, axis=1)
            return [loss, np.mean(predictions == y)]
        """,
    ),
]

# (answer cell, an answer that fits only the visible examples)
ONLY_VISIBLE = [
    (
        "crossentropy_python",
        """
        def crossentropy_python(probabilities, one_hot):
            for k in range(3):  # three classes, as in the examples
                if one_hot[k] == 1:
                    return -math.log(probabilities[k])
        """,
    ),
    (
        "categorical_crossentropy",
        """
        def categorical_crossentropy(probabilities, targets):
            clipped = np.clip(probabilities, 1e-7, 1 - 1e-7)
            classes = targets if targets.ndim == 1 else np.argmax(targets, axis=1)
            rows = np.array([0, 1, 2, 3])[: len(clipped)]  # batches of up to four samples
            return -np.log(clipped[rows, classes])
        """,
    ),
    (
        "CategoricalCrossentropy",
        """
        class CategoricalCrossentropy:
            def forward(self, probabilities, targets):
                return categorical_crossentropy(probabilities, targets)
            def calculate(self, probabilities, targets):
                return np.mean(self.forward(probabilities, targets)[:3])  # batches of up to three
        """,
    ),
    (
        "accuracy",
        """
        def accuracy(probabilities, targets):
            if targets.ndim == 2:
                targets = np.argmax(targets, axis=1)
            return np.mean(np.argmax(probabilities[:, :3], axis=1) == targets)  # three classes
        """,
    ),
    (
        "untrained_loss_and_accuracy",
        """
        def untrained_loss_and_accuracy(X, y, rng):
            book = np.random.RandomState(0)  # the book's generator, whatever rng is given
            spiral_data(100, 3, random_state=book)
            dense1, dense2 = layers.DenseLayer(2, 3, book), layers.DenseLayer(3, 3, book)
            probabilities = layers.softmax(dense2.forward(layers.relu(dense1.forward(X))))
            loss = layers.CategoricalCrossentropy().calculate(probabilities, y)
            return loss, layers.accuracy(probabilities, y)
        """,
    ),
]
