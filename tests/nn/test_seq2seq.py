import pytest
import torch

from rnnbook.data.reverse import reverse_batch
from rnnbook.nn.seq2seq import Seq2Seq, seq2seq_loss, seq2seq_parameter_count


@pytest.mark.slow
@pytest.mark.parametrize("attention", [True, False])
def test_shapes_and_teacher_forcing(attention):
    torch.manual_seed(0)
    model = Seq2Seq(10, 11, hidden_size=8, embed_size=4, attention=attention, attention_size=5)
    source, target = reverse_batch(3, 5, seed=0)
    logits = model(source, target)
    assert logits.shape == (6, 3, 11)
    symbols, alignment = model.greedy(source, 6)
    assert symbols.shape == (6, 3) and alignment.shape == (6, 3, 5)
    if attention:
        assert torch.allclose(alignment.sum(2), torch.ones(6, 3))
    else:
        assert torch.all(alignment == 0)
    loss = seq2seq_loss(model, (source, target))
    assert loss.dim() == 0
    loss.backward()
    assert all(p.grad is not None for p in model.parameters())


def test_greedy_matches_teacher_forcing_on_its_own_output():
    # Feeding greedy's own symbols back as the "target" reproduces greedy's choices.
    torch.manual_seed(1)
    model = Seq2Seq(10, 11, hidden_size=8, embed_size=4).eval()
    source, _ = reverse_batch(4, 6, seed=1)
    symbols, _ = model.greedy(source, 7)
    with torch.no_grad():
        logits = model(source, symbols)
    assert torch.equal(logits.argmax(2), symbols)


def test_first_output_depends_only_on_source():
    # Teacher forcing: the logits at step t do not depend on target symbols t, t+1, ...
    torch.manual_seed(2)
    model = Seq2Seq(10, 11, hidden_size=8, embed_size=4).eval()
    source, target = reverse_batch(2, 4, seed=2)
    other = target.clone()
    other[2:] = (other[2:] + 1) % 11
    with torch.no_grad():
        a, b = model(source, target), model(source, other)
    assert torch.allclose(a[:3], b[:3]) and not torch.allclose(a[3:], b[3:])


def test_parameter_count():
    model = Seq2Seq(10, 11, hidden_size=8, embed_size=4, attention=True, attention_size=5)
    assert seq2seq_parameter_count(10, 11, 8, 4, True, 5) == sum(p.numel() for p in model.parameters())
    assert seq2seq_parameter_count(10, 11, 8, 4, True, 5) - seq2seq_parameter_count(10, 11, 8, 4, False, 5) == (
        8 * 5 + 16 * 5 + 5 + 5
    )


def test_rejections():
    with pytest.raises(ValueError, match="hidden_size must be an integer >= 1; got 0"):
        Seq2Seq(10, 11, hidden_size=0)
    with pytest.raises(TypeError, match="attention must be a bool"):
        Seq2Seq(10, 11, attention=1)
    model = Seq2Seq(10, 11, hidden_size=4, embed_size=2)
    with pytest.raises(ValueError, match=r"source must hold symbols in 0..9; got 0..10"):
        model(torch.tensor([[0], [10]]), torch.tensor([[1]]))
    with pytest.raises(ValueError, match=r"source must be an int64 tensor of shape \(T, B\)"):
        model.greedy(torch.zeros(3), 2)
    with pytest.raises(ValueError, match="target must have batch size 2; got 3"):
        model(torch.zeros(4, 2, dtype=torch.long), torch.zeros(5, 3, dtype=torch.long))
    with pytest.raises(ValueError, match="steps must be an integer >= 1"):
        model.greedy(torch.zeros(4, 2, dtype=torch.long), 0)
