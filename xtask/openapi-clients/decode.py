"""Decodes every example with a generated Python client's models and re-encodes it.

Usage: python decode.py MODELS_MODULE EXAMPLES_JSON RESULTS_JSON

MODELS_MODULE is the generated package's models module (`verycloud_oag.models`,
`verycloud_opc.models`); both generators give each component a class with `from_dict` and
`to_dict`, which is how their clients read and write bodies. Writes one result per example:
{"id", "decoded", "error", "reencoded"}; `cargo xtask openapi-clients` compares.
"""

import importlib
import json
import sys
import traceback


def encoder(models_module):
    """How the client writes a body: openapi-generator's `ApiClient.sanitize_for_serialization`
    (which unwraps secrets that `to_dict` masks), else the model's `to_dict`."""
    package = models_module.rsplit(".", 1)[0]
    try:
        api_client = importlib.import_module(package + ".api_client")
    except ImportError:
        return lambda decoded: decoded.to_dict()
    client = api_client.ApiClient()
    return client.sanitize_for_serialization


def round_trip(models, encode, component, value):
    model = getattr(models, component)
    decoded = model.from_dict(value)
    if decoded is None:
        raise ValueError("from_dict returned None")
    return encode(decoded)


def main():
    models = importlib.import_module(sys.argv[1])
    encode = encoder(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as file:
        examples = json.load(file)
    results = []
    for example in examples:
        result = {"id": example["id"], "decoded": False, "error": None, "reencoded": None}
        try:
            reencoded = round_trip(models, encode, example["component"], json.loads(example["json"]))
            # default=str: a model may hold a date or a Decimal; the comparison then fails.
            result["reencoded"] = json.dumps(reencoded, default=str, ensure_ascii=False)
            result["decoded"] = True
        except BaseException as error:  # RecursionError too: it is the finding
            lines = traceback.format_exception_only(type(error), error)
            result["error"] = "".join(lines).strip()[:500]
        results.append(result)
    with open(sys.argv[3], "w", encoding="utf-8") as file:
        json.dump(results, file, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
