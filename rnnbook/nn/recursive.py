"""A recursive neural network over binary trees (Goller & Kuechler 1996; Socher et al. 2011).

Each leaf gets an embedding; each inner node combines its children's vectors with weights
that depend on the node's label (here the operator):

.. math:: h_n = \\tanh\\big(W_{o(n)} [h_{\\mathrm{left}(n)} ; h_{\\mathrm{right}(n)}] + b_{o(n)}\\big),

Eq. (13.2), and a read-out classifies the root. The same weights are applied at every
node, as a recurrent network applies the same weights at every time step; a recurrent
network is the special case whose tree is a chain. Training differentiates through the
tree (*backpropagation through structure*); here autograd does it, node by node.

For speed the nodes of a whole batch of trees are processed level by level: all nodes of
height 1 at once, then all nodes of height 2, and so on (see
:func:`rnnbook.data.expressions.flatten_trees`).
"""

from __future__ import annotations

import torch
from torch import nn

from ..validation import check_positive_int

__all__ = ["RecursiveNet"]


class RecursiveNet(nn.Module):
    """Recursive network over binary trees with labelled inner nodes, Eq. (13.2).

    Parameters
    ----------
    n_leaves : int
        Number of distinct leaf symbols (digits).
    n_ops : int
        Number of inner-node labels (operators); each has its own :math:`W_o, b_o`.
    hidden_size : int
        H.
    n_classes : int
        C, outputs of the read-out at the root.

    Shapes
    ------
    ``forward(nodes)`` takes the dict of :func:`rnnbook.data.expressions.flatten_trees`
    (N nodes, B trees) and returns (B, C) logits; ``node_states`` returns (N, H).
    """

    def __init__(self, n_leaves: int, n_ops: int, hidden_size: int, n_classes: int) -> None:
        super().__init__()
        self.n_leaves = check_positive_int("n_leaves", n_leaves)
        self.n_ops = check_positive_int("n_ops", n_ops)
        H = self.hidden_size = check_positive_int("hidden_size", hidden_size)
        self.n_classes = check_positive_int("n_classes", n_classes)
        self.embed = nn.Embedding(n_leaves, H)
        bound = (1.0 / (2 * H)) ** 0.5
        self.weight = nn.Parameter(torch.empty(n_ops, H, 2 * H).uniform_(-bound, bound))  # W_o
        self.bias = nn.Parameter(torch.zeros(n_ops, H))  # b_o
        self.out = nn.Linear(H, n_classes)

    def node_states(self, nodes: dict) -> torch.Tensor:
        """The vector :math:`h_n` of every node, children computed before parents."""
        for key in ("leaf", "op", "left", "right", "height", "root"):
            if key not in nodes:
                raise ValueError(f"nodes must be the dict of flatten_trees with key {key!r}; got keys {sorted(nodes)}")
        leaf, op = nodes["leaf"], nodes["op"]
        if int(leaf.max()) >= self.n_leaves or int(op.max()) >= self.n_ops:
            raise ValueError(f"nodes must have leaves < n_leaves={self.n_leaves} and ops < n_ops={self.n_ops}; "
                             f"got max leaf {int(leaf.max())}, max op {int(op.max())}")
        is_leaf = leaf >= 0
        h = self.weight.new_zeros(leaf.shape[0], self.hidden_size)  # (N, H)
        h = h.index_put((is_leaf.nonzero().squeeze(1),), self.embed(leaf[is_leaf]))
        for level in range(1, int(nodes["height"].max()) + 1):
            idx = (nodes["height"] == level).nonzero().squeeze(1)  # the nodes of this height
            children = torch.cat([h[nodes["left"][idx]], h[nodes["right"][idx]]], dim=1)  # (n, 2H)
            o = op[idx]
            # h_n = tanh(W_o [h_left ; h_right] + b_o)
            new = torch.tanh(torch.bmm(self.weight[o], children.unsqueeze(2)).squeeze(2) + self.bias[o])  # (n, H)
            h = h.index_put((idx,), new)
        return h

    def forward(self, nodes: dict) -> torch.Tensor:
        h = self.node_states(nodes)  # (N, H)
        return self.out(h[nodes["root"]])  # (B, C)
