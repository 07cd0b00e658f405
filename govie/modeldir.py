"""A model is a directory: resolved config, safetensors weights, vocabulary, meta.json, model card.

Loading checks the format version and refuses pickles: weights load only from
safetensors, and a directory holding a pickle or ``torch.save`` file is rejected
outright rather than partly trusted.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .errors import ModelLoadError

FORMAT_VERSION = 1
REQUIRED = ("config.json", "meta.json", "vocab.json", "ner.safetensors")
UNSAFE_SUFFIXES = (".pkl", ".pickle", ".pt", ".pth", ".bin", ".ckpt", ".joblib", ".npy", ".npz")

__all__ = ["FORMAT_VERSION", "REQUIRED", "check_model_dir", "read_json", "write_json", "default_model_dir",
           "save_weights", "load_weights"]


def default_model_dir() -> Path:
    """Returns the shipped model directory (``models/govie`` in the checkout)."""
    return Path(__file__).resolve().parent.parent / "models" / "govie"


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:  # ValueError: JSONDecodeError and UnicodeDecodeError (not UTF-8)
        raise ModelLoadError("E205", f"{path} is not readable JSON: {exc}") from None


def write_json(path: Path, obj: Any) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def check_model_dir(path: str | Path, required: tuple[str, ...] = REQUIRED) -> dict[str, Any]:
    """Validates a model directory and returns its config.json.

    Raises:
        ModelLoadError: E201 missing directory or file, E202 wrong format version,
            E203 a pickle or torch.save file is present.
    """
    d = Path(path)
    if d.exists() and not d.is_dir():
        raise ModelLoadError("E201", f"{d} is a file, not a model directory. Pass the directory that holds "
                                     "config.json and ner.safetensors.")
    if not d.is_dir():
        raise ModelLoadError("E201", f"model directory {d} does not exist. Train one with `govie train "
                                     "configs/ner.toml` or pass the path of a trained model.")
    unsafe = sorted(p.name for p in d.iterdir() if p.suffix.lower() in UNSAFE_SUFFIXES)
    if unsafe:
        raise ModelLoadError("E203", f"model directory {d} contains {', '.join(unsafe)}: govie loads weights "
                                     "only from safetensors and never unpickles. Remove the file(s).")
    missing = [f for f in required if not (d / f).is_file()]
    if missing:
        raise ModelLoadError("E201", f"model directory {d} lacks {', '.join(missing)}; it is incomplete. "
                                     "Copy the whole directory or retrain.")
    config = read_json(d / "config.json")
    if not isinstance(config, dict):
        raise ModelLoadError("E205", f"{d / 'config.json'} holds a JSON {type(config).__name__}, not an object; "
                                     "it is not a govie model config. Copy the whole directory or retrain.")
    version = config.get("format_version")
    if version != FORMAT_VERSION:
        raise ModelLoadError("E202", f"model directory {d} has format_version {version!r}; this govie reads "
                                     f"version {FORMAT_VERSION}. Retrain with this version or use a matching govie.")
    return config


def save_weights(module: Any, path: Path, half: bool = False) -> None:
    """Writes a torch module's state dict as safetensors (the only weight format govie reads).

    ``half`` stores floating-point tensors as float16 (half the file); ``load_weights`` casts them back
    to the module's dtype."""
    from safetensors.torch import save_file

    from .io.records import default_mode

    save_file({k: (v.half() if half and v.is_floating_point() else v).detach().contiguous()
               for k, v in module.state_dict().items()}, str(path))
    default_mode(path)


def load_weights(module: Any, path: Path) -> None:
    """Loads safetensors weights into ``module`` (strict) and puts it in eval mode.

    Raises:
        ModelLoadError: E205 when the file is not safetensors or does not fit the module.
    """
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    try:
        state = load_file(str(path))
    except (OSError, SafetensorError) as exc:
        raise ModelLoadError("E205", f"{path.name} in {path.parent} is not a safetensors file ({exc}). govie "
                                     "never unpickles weights: export them with safetensors or retrain.") from None
    try:
        module.load_state_dict(state, strict=True)
    except (RuntimeError, ValueError) as exc:
        raise ModelLoadError("E205", f"{path.name} in {path.parent} does not fit its config.json: {exc}") from None
    module.eval()
