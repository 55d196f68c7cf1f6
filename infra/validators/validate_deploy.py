"""Validates deployment files against their schemas; run by infra/validators/deploy-validators.ts
in the tool cache's virtual environment (kubernetes-validate and jsonschema, pinned there).

Reads one JSON request on stdin:
  {"kubernetesVersions": ["1.31.0", ...], "composeSchema": "<path of compose-spec.json>",
   "documents": [{"name": "...", "kind": "kubernetes" | "compose", "text": "<YAML>"}]}
and writes one JSON answer on stdout:
  {"tools": {...versions}, "results": [{"name", "kind", "parsed": [<documents>],
   "checked": ["deployment/ecvet-api against 1.31", ...], "errors": ["...", ...]}]}

Kubernetes documents are checked by kubernetes-validate in strict mode (unknown fields are errors)
against every version asked for; a kind it has no schema for is an error here, not a warning.
A compose file is checked against the Compose Specification's JSON schema (draft 2020-12). In
both, a YAML mapping with the same key twice is an error, as it is for kubectl and docker compose.
"""

import json
import sys
from importlib.metadata import version

import jsonschema
import kubernetes_validate
import yaml
from kubernetes_validate import utils as kv


class UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that refuses a mapping with the same key twice (PyYAML keeps the last)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # `<<: *anchor`: the merged keys may be overridden
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, "duplicate key %r" % (key,), key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def path_of(error):
    return ".".join(str(p) for p in error.absolute_path) or "(root)"


def check_kubernetes(documents, versions, result):
    for index, doc in enumerate(documents):
        if not isinstance(doc, dict) or "apiVersion" not in doc or "kind" not in doc:
            result["errors"].append("document %d: not a Kubernetes object (apiVersion, kind)" % index)
            continue
        name = "%s/%s" % (str(doc["kind"]).lower(), (doc.get("metadata") or {}).get("name", "?"))
        for wanted in versions:
            try:
                checked = kv.validate(doc, wanted, strict=True)
                result["checked"].append("%s against %s" % (name, checked))
            except kv.ValidationError as e:
                result["errors"].append(
                    "%s (Kubernetes %s): %s: %s" % (name, e.version, path_of(e), e.message)
                )
            except kv.SchemaNotFoundError as e:
                result["errors"].append("%s: %s" % (name, e.message))
            except kv.VersionNotSupportedError as e:
                result["errors"].append("%s: %s" % (name, e.message))
            except Exception as e:  # a schema that cannot be read, a reference that fails
                result["errors"].append("%s (Kubernetes %s): %s" % (name, wanted, e))


def check_compose(documents, validator, result):
    if len(documents) != 1 or not isinstance(documents[0], dict):
        result["errors"].append("a compose file is one YAML mapping")
        return
    for error in sorted(validator.iter_errors(documents[0]), key=lambda e: list(map(str, e.absolute_path))):
        result["errors"].append("%s: %s" % (path_of(error), error.message))
    result["checked"].append("compose file against the Compose Specification")


def main():
    request = json.load(sys.stdin)
    compose_validator = None
    if request.get("composeSchema"):
        with open(request["composeSchema"], encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        compose_validator = jsonschema.Draft202012Validator(schema)

    results = []
    for item in request["documents"]:
        result = {"name": item["name"], "kind": item["kind"], "parsed": [], "checked": [], "errors": []}
        results.append(result)
        try:
            documents = [d for d in yaml.load_all(item["text"], Loader=UniqueKeyLoader) if d is not None]
        except yaml.YAMLError as e:
            result["errors"].append("YAML: %s" % str(e).replace("\n", " "))
            continue
        result["parsed"] = documents
        if item["kind"] == "kubernetes":
            check_kubernetes(documents, request["kubernetesVersions"], result)
        elif item["kind"] == "compose" and compose_validator is not None:
            check_compose(documents, compose_validator, result)
        else:
            result["errors"].append("no validator for %s" % item["kind"])

    json.dump(
        {
            "tools": {
                "kubernetes-validate": kubernetes_validate.__version__,
                "jsonschema": version("jsonschema"),
                "PyYAML": yaml.__version__,
                "python": sys.version.split()[0],
            },
            "results": results,
        },
        sys.stdout,
        default=str,
    )


if __name__ == "__main__":
    main()
