"""Probe drivers: how the worker grades an answer that is a model rather than plain data.

An exercise whose answer cannot cross the channel (a model, a trained network) names one of these in
``Exercise.probe``. The worker calls it as ``driver(student, **inputs)`` in place of the student's
function: ``student`` is the student's imported module, the inputs are the case's plain data. The driver
builds what it needs (a ResNet, data loaders), calls the student's function(s) and returns plain data (a
"probe": a dict of tensors, numbers, strings and lists) that the grader compares with the same driver
applied to the reference, or scores (``Exercise.score``). ``ProbeFailed`` fails the case with a sentence.

They live here, in the engine, because a worker can import this module: ``autograder.specs`` (with its
references) is hidden from workers under bubblewrap. So this module must hold nothing a student may not
see: no reference, no expected value, no held-out label. A driver runs after the student's code, in the
student's process, and measures with torch functions the student could have patched: it reports, the
grader judges, and the grader treats what comes back as untrusted like any answer.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Iterator
from functools import cache
from typing import Any

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from autograder.core.messages import say
from autograder.core.spec import ProbeFailed


@contextlib.contextmanager
def one_thread() -> Iterator[None]:
    """PyTorch on one thread meanwhile: small models gain nothing from more, and in a grader process on a
    loaded machine two spinning threads made them ten times slower (workers run on one thread anyway)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)


# -- transfer learning ---------------------------------------------------------------------------------

RESNETS = ("resnet18", "resnet10", "resnet14_bottleneck")
RESNET_IMAGE_SIZE = 32  # enough for a forward pass: ResNets pool adaptively, and small images keep it cheap


def build_resnet(arch: str) -> nn.Module:
    """A fresh copy of one of ``RESNETS`` with random weights (``weights=None``: nothing is downloaded).

    BasicBlock ResNets (resnet18, resnet10) end in 512 features, Bottleneck ones (resnet50, resnet14) in
    2048. Each is built once per process (from seed 0) and copied: a copy costs a tenth of the random
    initialisation.
    """
    return copy.deepcopy(_pristine_resnet(arch))


@cache
def _pristine_resnet(arch: str) -> nn.Module:
    # torchvision is imported here: it takes seconds to import, and only these exercises need it
    from torchvision.models import resnet18
    from torchvision.models.resnet import BasicBlock, Bottleneck, ResNet

    builders = {"resnet18": lambda: resnet18(weights=None), "resnet10": lambda: ResNet(BasicBlock, [1, 1, 1, 1]),
                "resnet14_bottleneck": lambda: ResNet(Bottleneck, [1, 1, 1, 1])}
    if arch not in builders:
        raise ValueError(f"unknown architecture {arch!r}")
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        return builders[arch]()


@one_thread()
def transfer_probe(student: Any, arch: str, num_classes: int, batch: int) -> dict[str, Any]:
    """Build ``arch``, hand it to ``student.prepare_for_transfer`` and describe what came back.

    The keys are in the order a reader should meet the first difference: the head's type and size, that it
    is new, which parameters are frozen, the trainable count, whether the backbone changed, a forward pass.
    """
    torch.manual_seed(0)  # the student's new head draws the same numbers at every run
    model = build_resnet(arch)
    old_fc = model.fc
    before = {name: value.detach().clone() for name, value in model.state_dict().items()
              if not name.startswith("fc.")}
    returned = student.prepare_for_transfer(model, num_classes)
    if not isinstance(returned, nn.Module):
        raise ProbeFailed(say("probe:transfer_not_a_model", kind=_kind_said(returned)))
    fc = getattr(returned, "fc", None)
    parameters = dict(returned.named_parameters())
    in_head = {name for name in parameters if name.startswith("fc.")}
    weight, bias = getattr(fc, "weight", None), getattr(fc, "bias", None)
    probe = {
        "type(model)": type(returned).__name__,
        "type(model.fc)": type(fc).__name__,
        "model.fc.in_features": getattr(fc, "in_features", None),
        "model.fc.out_features": getattr(fc, "out_features", None),
        "model.fc is a new layer": fc is not old_fc,
        "model.fc.weight.shape": _shape(weight),
        "model.fc.bias.shape": _shape(bias),
        "trainable parameter tensors outside model.fc": sum(
            bool(p.requires_grad) for name, p in parameters.items() if name not in in_head),
        "frozen parameter tensors of model.fc": sum(not parameters[name].requires_grad for name in in_head),
        "trainable parameters": sum(p.numel() for p in parameters.values() if p.requires_grad),
        "backbone tensors changed, added or removed": _changes(before, returned.state_dict()),
    }
    # last, and in eval mode: batch norm's running statistics were compared before any forward pass
    returned.eval()
    shape = [batch, 3, RESNET_IMAGE_SIZE, RESNET_IMAGE_SIZE]
    x = torch.randn(shape, generator=torch.Generator().manual_seed(batch))
    with torch.no_grad():
        out = returned(x)
    probe[f"model(x).shape for x.shape = {shape}"] = _shape(out) or _kind(out)
    return probe


def _changes(before: dict[str, torch.Tensor], after: dict[str, Any]) -> str:
    """``"none"``, or the backbone entries of the state dict whose values differ, appeared or went away."""
    changed = [name for name, value in before.items()
               if not isinstance(after.get(name), torch.Tensor) or after[name].shape != value.shape
               or not torch.equal(after[name].detach().cpu(), value)]
    added = [name for name in after if name not in before and not name.startswith("fc.")]
    names = changed + added
    if not names:
        return "none"
    return ", ".join(names[:3]) + (", ..." if len(names) > 3 else "") + f" ({len(names)} in all)"


# -- training a LeNet on the digits ---------------------------------------------------------------------

LENET_IMAGE_SIZE = 32


@one_thread()
def lenet_probe(student: Any, num_classes: int, batch: int) -> dict[str, Any]:
    """Build ``student.build_lenet(num_classes)`` and describe its layers, its size and a forward pass."""
    torch.manual_seed(0)
    model = student.build_lenet(num_classes)
    _require_module("build_lenet()", model, "return an instance, nn.Sequential(...) or YourNet(), not the class")
    parameters = list(model.parameters())
    shape = [batch, 1, LENET_IMAGE_SIZE, LENET_IMAGE_SIZE]
    x = torch.rand(shape, generator=torch.Generator().manual_seed(batch))
    with torch.no_grad():
        out = model(x)
    return {
        "number of nn.Conv2d layers": sum(isinstance(m, nn.Conv2d) for m in model.modules()),
        "number of nn.Linear layers": sum(isinstance(m, nn.Linear) for m in model.modules()),
        f"model(x).shape for x.shape = {shape}": _shape(out) or _kind(out),
        "model(x).dtype": str(out.dtype) if isinstance(out, torch.Tensor) else _kind(out),
        "model(x) holds": _what_outputs_hold(out),
        "parameters": sum(p.numel() for p in parameters),
        "trainable parameters": sum(p.numel() for p in parameters if p.requires_grad),
    }


def _what_outputs_hold(out: Any) -> str:
    """Logits, or what the statement excludes: probabilities (a softmax at the end), their logarithms (a
    log-softmax). Untrained logits never make rows that sum to one, nor whose exponentials do."""
    if not isinstance(out, torch.Tensor) or out.dim() != 2 or not out.is_floating_point() or out.numel() == 0:
        return "no (B, num_classes) scores"
    ones = torch.ones(out.shape[0], dtype=torch.float64)
    rows = out.double()
    if (rows >= 0).all() and torch.allclose(rows.sum(dim=1), ones, atol=1e-4):
        return "probabilities (a softmax at the end): the statement asks for logits"
    if (rows <= 0).all() and torch.allclose(rows.exp().sum(dim=1), ones, atol=1e-4):
        return "log-probabilities (a log-softmax at the end): the statement asks for logits"
    return "one logit per class"


def train_probe(student: Any, train_images: torch.Tensor, train_labels: torch.Tensor, test_images: torch.Tensor,
                num_classes: int, epochs: int, batch_size: int, seed: int) -> dict[str, Any]:
    """Train ``student.build_lenet(num_classes)`` with ``student.train`` and predict the test images.

    Images arrive as uint8 and are scaled to [0, 1] as torchvision's ``ToTensor`` does. The loader shuffles
    with ``seed``. The test labels never come here: the grader scores the predictions.
    """
    torch.manual_seed(seed)
    model = _built(student, "build_lenet", "probe:no_build_lenet", num_classes, train_images.device)
    loader = DataLoader(TensorDataset(train_images.float() / 255, train_labels), batch_size=batch_size,
                        shuffle=True, generator=torch.Generator().manual_seed(seed))
    trained = student.train(model, loader, epochs)
    _require_module("train()", trained, say("probe:return_trained"))
    trained.eval()
    with torch.no_grad():
        outputs = [trained(chunk.float() / 255) for chunk in test_images.split(256)]
    if not all(isinstance(chunk, torch.Tensor) for chunk in outputs):
        raise ProbeFailed(say("probe:no_logits"))
    logits = torch.cat(outputs)
    if list(logits.shape) != [len(test_images), num_classes]:
        raise ProbeFailed(say("probe:logits_shape", images=len(test_images), shape=list(logits.shape),
                              expected=[len(test_images), num_classes]))
    return {"predictions": logits.argmax(dim=1)}


# -- functions that draw random numbers ------------------------------------------------------------------

# the keys of generator_calls' report, in the order of the calls (feedback names the first that differs)
WITH_GENERATOR = "generator=g, g seeded"
WITH_GENERATOR_AGAIN = "generator=g again (g has moved on)"
WITH_GENERATOR_RESEEDED = "generator=g2, seeded as g was (torch's global generator seeded otherwise)"
WITHOUT_GENERATOR = "no generator (torch's global generator, seeded)"
WITHOUT_GENERATOR_RESEEDED = "no generator again, the global generator seeded alike"
WITH_OTHER_GENERATOR = "generator=g3, seeded otherwise (torch's global generator seeded as for g)"
# how the seed of g3 differs from g's
OTHER_SEED = 7919


def generator_calls(student: Any, function: str, arguments: dict[str, Any], seed: int) -> dict[str, Any]:
    """Call ``student.<function>(**arguments, generator=...)`` six times; return what each call returned.

    A ``torch.Generator`` cannot cross the channel (only plain data does), so it is made here from ``seed``,
    on the device of the arguments' tensors (the CPU when there are none). The calls, each on a fresh copy
    of ``arguments``, under the keys above: with a generator seeded with ``seed`` while torch's global
    generator is seeded with something else (an answer that ignores ``generator`` draws other numbers), then
    with the same generator again (the next numbers); with a new generator seeded with ``seed`` and the global
    one seeded a third way (the first call's numbers again); with a generator seeded otherwise and the global
    one seeded as for the first (other numbers); twice without ``generator`` (its default), the global
    generator seeded alike before each. The four groups come in an order drawn from ``seed``, so that an
    answer that counts its calls cannot tell them apart. The global generator's state is restored afterwards:
    the grader runs this driver on the reference in its own process.
    """
    fn = getattr(student, function, None)
    if not callable(fn):
        raise ProbeFailed(say("probe:no_function", function=function))
    devices = [value.device for value in arguments.values() if isinstance(value, torch.Tensor)]
    device = devices[0] if devices else torch.device("cpu")
    # the CUDA device whose generator is forked besides the CPU's, if the tensors are on one
    forked = [] if device.type != "cuda" else [torch.cuda.current_device() if device.index is None else device.index]

    def seed_global(value: int) -> None:
        """Seed the global generator the function draws from when given none (the CPU's, or the device's)."""
        torch.default_generator.manual_seed(value)
        if forked:
            torch.cuda.default_generators[forked[0]].manual_seed(value)

    def call(generator: torch.Generator | None) -> Any:
        fresh = {key: value.clone() if isinstance(value, torch.Tensor) else value for key, value in arguments.items()}
        return fn(**fresh) if generator is None else fn(**fresh, generator=generator)

    def seeded(value: int) -> torch.Generator:
        return torch.Generator(device=device).manual_seed(value)

    def with_generator() -> None:
        seed_global(seed + 1)
        generator = seeded(seed)
        report[WITH_GENERATOR] = call(generator)
        report[WITH_GENERATOR_AGAIN] = call(generator)

    def reseeded() -> None:
        seed_global(seed + 2)
        report[WITH_GENERATOR_RESEEDED] = call(seeded(seed))

    def seeded_otherwise() -> None:
        seed_global(seed + 1)
        report[WITH_OTHER_GENERATOR] = call(seeded(seed + OTHER_SEED))

    def without_generator() -> None:
        for key in (WITHOUT_GENERATOR, WITHOUT_GENERATOR_RESEEDED):
            seed_global(seed + 3)
            report[key] = call(None)

    groups = [with_generator, reseeded, seeded_otherwise, without_generator]
    order = torch.randperm(len(groups), generator=torch.Generator().manual_seed(seed)).tolist()
    report: dict[str, Any] = {}
    with torch.random.fork_rng(devices=forked, device_type="cuda"):
        for index in order:
            groups[index]()
    return {key: report[key] for key in GENERATOR_CALLS}  # one order for the feedback: the calls' meaning


GENERATOR_CALLS = (WITH_GENERATOR, WITH_GENERATOR_AGAIN, WITH_GENERATOR_RESEEDED, WITH_OTHER_GENERATOR,
                   WITHOUT_GENERATOR, WITHOUT_GENERATOR_RESEEDED)

# -- an autoencoder on the digits ------------------------------------------------------------------------

AUTOENCODER_IMAGE_SIZE = 32
# codes this large saturate any squashing at the end of a decoder: what stays in [0, 1] here always does
LARGE_CODE_SCALE = 1000.0


def _encoder_decoder(model: nn.Module, what: str) -> tuple[nn.Module, nn.Module]:
    """``model.encoder`` and ``model.decoder``, or a sentence saying which one the model lacks."""
    parts = []
    for name in ("encoder", "decoder"):
        part = getattr(model, name, None)
        if not isinstance(part, nn.Module):
            raise ProbeFailed(say("probe:no_part", what=what, name=name, kind=_kind_said(part)))
        parts.append(part)
    return parts[0], parts[1]


def _attempt(call: Any) -> Any:
    """What ``call()`` returns, or the type of the exception it raises: a probe entry the grader compares, so
    that an earlier entry (a wrong code size) is named before the error it causes later. The type only: the
    message names the student's own layer sizes, and a classic mistake must read the same in any network."""
    try:
        return call()
    except Exception as err:  # the student's code, reported as data
        return f"raised {type(err).__name__}"


@one_thread()
def autoencoder_probe(student: Any, latent_dim: int, batch: int) -> dict[str, Any]:
    """Build ``student.build_autoencoder(latent_dim)`` and check its contract in eval mode: the encoder's and
    decoder's layers and shapes, that ``model(x)`` is ``decoder(encoder(x))``, and outputs in [0, 1]."""
    torch.manual_seed(0)
    model = student.build_autoencoder(latent_dim)
    _require_module("build_autoencoder()", model, "return an instance, nn.Sequential(...) or YourNet(), not the class")
    encoder, decoder = _encoder_decoder(model, "the model build_autoencoder() returned")
    model.eval()
    size = AUTOENCODER_IMAGE_SIZE
    shape, code_shape = [batch, 1, size, size], [batch, latent_dim]
    generator = torch.Generator().manual_seed(batch)
    x = torch.rand(shape, generator=generator)
    z = torch.randn(code_shape, generator=generator)
    with torch.no_grad():
        codes = _attempt(lambda: encoder(x))
        images = _attempt(lambda: decoder(z))
        outputs = _attempt(lambda: model(x))
        rebuilt = _attempt(lambda: decoder(codes)) if _shape(codes) == code_shape else None
        extremes = _attempt(lambda: decoder(z * LARGE_CODE_SCALE))
    same = (isinstance(outputs, torch.Tensor) and isinstance(rebuilt, torch.Tensor)
            and outputs.shape == rebuilt.shape and torch.allclose(outputs, rebuilt, rtol=1e-4, atol=1e-6))
    return {
        "model.encoder contains an nn.Conv2d": any(isinstance(m, nn.Conv2d) for m in encoder.modules()),
        "model.decoder contains an nn.ConvTranspose2d": any(isinstance(m, nn.ConvTranspose2d)
                                                            for m in decoder.modules()),
        f"model.encoder(x).shape for x.shape = {shape}": _shape(codes) or _kind_or_error(codes),
        f"model.decoder(z).shape for z.shape = {code_shape}": _shape(images) or _kind_or_error(images),
        f"model(x).shape for x.shape = {shape}": _shape(outputs) or _kind_or_error(outputs),
        "model(x).dtype": str(outputs.dtype) if isinstance(outputs, torch.Tensor) else _kind_or_error(outputs),
        "model(x) equals model.decoder(model.encoder(x))": same,
        f"model.decoder(z) lies in [0, 1], even for codes {LARGE_CODE_SCALE:g} times larger": _in_unit_range(images)
        and _in_unit_range(extremes),
    }


def _kind_or_error(value: Any) -> str:
    return value if isinstance(value, str) and value.startswith("raised ") else _kind(value)


def _in_unit_range(value: Any) -> bool:
    return (isinstance(value, torch.Tensor) and value.is_floating_point() and not value.isnan().any().item()
            and bool(((value >= 0) & (value <= 1)).all()))


def train_autoencoder_probe(student: Any, train_images: torch.Tensor, latent_dim: int, epochs: int, lr: float,
                            seed: int) -> dict[str, Any]:
    """Train ``student.build_autoencoder(latent_dim)`` with ``student.train_autoencoder`` and send back what it
    learnt: the trained model's state dict (its tensors).

    The held-out images never reach this process: the grader encodes them in a fresh worker
    (:func:`autoencoder_codes_probe`) and decodes the codes in another (:func:`autoencoder_images_probe`),
    each rebuilding the model from these weights, so that a reconstruction comes through the ``latent_dim``
    numbers alone, whatever the student's code kept in a process. Images arrive as uint8 and are scaled to
    [0, 1] as torchvision's ``ToTensor`` does; the global generator is seeded with ``seed`` (the model's
    initialisation, the student's shuffling).
    """
    torch.manual_seed(seed)
    model = _built(student, "build_autoencoder", "probe:no_build_autoencoder", latent_dim, train_images.device)
    trained = student.train_autoencoder(model, train_images.float() / 255, epochs, lr)
    _require_module("train_autoencoder()", trained, say("probe:return_trained"))
    _encoder_decoder(trained, say("probe:trained_autoencoder"))
    # a wrapper of the model it was given (torch.compile's, DataParallel) trained that model's own parameters,
    # under names a fresh build_autoencoder() does not have: the model's state is what was learnt
    learnt = model if _same_parameters(trained, model) else trained
    return {"state": {name: value.detach() for name, value in learnt.state_dict().items()
                      if isinstance(value, torch.Tensor)}}


def _same_parameters(one: nn.Module, other: nn.Module) -> bool:
    """Whether two modules hold the very same parameter objects (one wraps the other, or is it)."""
    return {id(p) for p in one.parameters()} == {id(p) for p in other.parameters()}


def autoencoder_codes_probe(student: Any, state: dict[str, torch.Tensor], test_images: torch.Tensor,
                            latent_dim: int, seed: int) -> dict[str, Any]:
    """The codes ``model.encoder`` gives the test images, in eval mode, the model built by
    ``student.build_autoencoder(latent_dim)`` with the trained weights ``state`` loaded."""
    encoder, _ = _rebuilt_autoencoder(student, state, latent_dim, seed, test_images.device)
    codes = []
    with torch.no_grad():
        for chunk in (test_images.float() / 255).split(256):
            code = encoder(chunk)
            if _shape(code) != [len(chunk), latent_dim]:
                raise ProbeFailed(say("probe:encoder_shape", images=len(chunk), got=_shape(code) or _kind_said(code),
                                      expected=[len(chunk), latent_dim]))
            codes.append(code)
    return {"codes": torch.cat(codes)}


def autoencoder_images_probe(student: Any, state: dict[str, torch.Tensor], codes: torch.Tensor, latent_dim: int,
                             image_shape: list[int], seed: int) -> dict[str, Any]:
    """The images ``model.decoder`` rebuilds from ``codes``, in eval mode, the model built as in
    :func:`autoencoder_codes_probe`: this process has seen the codes and nothing else of the test images."""
    _, decoder = _rebuilt_autoencoder(student, state, latent_dim, seed, codes.device)
    rebuilt = []
    with torch.no_grad():
        for chunk in codes.split(256):
            images = decoder(chunk)
            if _shape(images) != [len(chunk), *image_shape]:
                raise ProbeFailed(say("probe:decoder_shape", codes=list(chunk.shape),
                                      got=_shape(images) or _kind_said(images), expected=[len(chunk), *image_shape]))
            rebuilt.append(images.float())
    return {"reconstructions": torch.cat(rebuilt)}


def _rebuilt_autoencoder(student: Any, state: dict[str, torch.Tensor], latent_dim: int, seed: int,
                         device: torch.device) -> tuple[nn.Module, nn.Module]:
    """The encoder and decoder of ``student.build_autoencoder(latent_dim)`` (built under ``seed``, as it was
    trained) with the trained weights loaded, in eval mode."""
    torch.manual_seed(seed)
    model = _built(student, "build_autoencoder", "probe:no_build_autoencoder", latent_dim, device)
    try:
        model.load_state_dict(state)
    except (RuntimeError, TypeError, ValueError, KeyError) as err:
        raise ProbeFailed(say("probe:weights_do_not_fit", latent_dim=latent_dim,
                              message=" ".join(str(err).split())[:300])) from None
    parts = _encoder_decoder(model, say("probe:rebuilt_autoencoder"))
    model.eval()
    return parts


# -- helpers -------------------------------------------------------------------------------------------


def _built(student: Any, function: str, missing: str, size: int, device: torch.device) -> nn.Module:
    """The network ``student.<function>(size)`` builds, on ``device``; a sentence (key ``missing``) where the
    student's module has no such function, another where it does not return a module instance."""
    build = getattr(student, function, None)
    if not callable(build):
        raise ProbeFailed(say(missing))
    model = build(size)
    _require_module(f"{function}()", model, say("probe:return_instance"))
    return model.to(device)


def _require_module(what: str, value: Any, hint: str) -> None:
    if not isinstance(value, nn.Module):
        raise ProbeFailed(say("probe:not_a_module", what=what, kind=_kind_said(value), hint=hint))


def _shape(value: Any) -> list[int] | None:
    return list(value.shape) if isinstance(value, torch.Tensor) else None


def _kind_said(value: Any) -> str:
    """What ``value`` is, in a sentence for the student (``_kind`` stays English: probe entries are compared
    with the reference's, made in another process)."""
    if value is None:
        return "None"
    if isinstance(value, type):
        return say("probe:kind_class", name=value.__name__)
    return say("probe:kind_object", type=type(value).__name__)


def _kind(value: Any) -> str:
    if value is None:
        return "None"
    if isinstance(value, type):
        return f"the class {value.__name__}"
    return f"a {type(value).__name__}"
