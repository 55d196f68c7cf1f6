#!/usr/bin/env python3
"""An independent verifier of ECVET audit bundles, written from docs/audit-bundle.md alone.

Standard library only (Python 3.8+): RFC 8785 canonical JSON, SHA-256, RFC 9162 inclusion
proofs and RFC 8032 Ed25519 verification are implemented here, so it shares nothing with the
TypeScript verifier (apps/cli/src/bundle/verify.ts) but the spec.

    python3 verify_bundle.py bundle FILE [--key PEM_FILE]... [--checkpoint HEX_OR_FILE]
        prints a JSON report; exit 0 verifies, 1 a problem, 2 usage
    python3 verify_bundle.py vectors docs/audit-bundle-vectors.json
        checks every test vector; prints {"checked": n, "failures": [...]}; exit 0 when none fail
"""
import base64
import hashlib
import json
import math
import re
import sys
import zlib

BUNDLE_FORMAT = "ecvet-audit-bundle/1"
CHECKPOINT_FORMAT = "ecvet-checkpoint/1"
GENESIS = "0" * 64
SPKI_PREFIX = bytes.fromhex("302a300506032b6570032100")
PARTS = ["keys", "checkpoint", "seals", "events", "workflow", "documents"]
DOCUMENT_SOURCE = {"learning-agreement": "LearningAgreementVersionDrafted", "mou": "MouVersionDrafted",
                   "transcript": "TranscriptIssued", "certificate": "CertificateIssued"}
PART_OF_KIND = {"key": "keys", "checkpoint": "checkpoint", "seal": "seals", "event": "events",
                "workflow": "workflow", "document": "documents"}


# --- RFC 8785 -------------------------------------------------------------------------------

def _number(v):
    if isinstance(v, int):
        if abs(v) < 2 ** 53:
            return str(v)
        v = float(v)
    if math.isnan(v) or math.isinf(v):
        raise ValueError("not a JSON number")
    if v == 0:
        return "0"
    if v < 0:
        return "-" + _number(-v)
    m = re.fullmatch(r"(\d+)(?:\.(\d+))?(?:e([+-]\d+))?", repr(v))
    whole, frac, exp = m.group(1), m.group(2) or "", int(m.group(3) or 0)
    digits, n = whole + frac, len(whole) + exp
    stripped = digits.lstrip("0")
    n -= len(digits) - len(stripped)
    digits = stripped.rstrip("0")
    k = len(digits)
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return "0." + "0" * (-n) + digits
    e = n - 1
    mantissa = digits if k == 1 else digits[0] + "." + digits[1:]
    return mantissa + "e" + ("+" if e >= 0 else "-") + str(abs(e))


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _string(s):
    out = ['"']
    for ch in s:
        c = ord(ch)
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif c < 0x20 or 0xD800 <= c <= 0xDFFF:
            out.append("\\u%04x" % c)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def jcs(v):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, float)):
        return _number(v)
    if isinstance(v, str):
        return _string(v)
    if isinstance(v, list):
        return "[" + ",".join(jcs(x) for x in v) + "]"
    if isinstance(v, dict):
        keys = sorted(v.keys(), key=lambda k: k.encode("utf-16-be", "surrogatepass"))
        return "{" + ",".join(_string(k) + ":" + jcs(v[k]) for k in keys) + "}"
    raise TypeError("not JSON")


def _no_duplicates(pairs):
    obj = {}
    for k, v in pairs:
        if k in obj:
            raise ValueError("duplicate member " + k)
        obj[k] = v
    return obj


def _reject_constant(name):
    raise ValueError("not JSON: " + name)


def parse_json(text):
    return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant)


def sha256(data):
    return hashlib.sha256(data).digest()


def jcs_digest(value):
    return sha256(jcs(value).encode("utf-8"))


# --- RFC 8032 Ed25519 (verification only) -------------------------------------------------------

_P = 2 ** 255 - 19
_Q = 2 ** 252 + 27742317777372353535851937790883648493
_D = -121665 * pow(121666, _P - 2, _P) % _P
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)


def _add(a, b):
    A = (a[1] - a[0]) * (b[1] - b[0]) % _P
    B = (a[1] + a[0]) * (b[1] + b[0]) % _P
    C = 2 * a[3] * b[3] * _D % _P
    D = 2 * a[2] * b[2] % _P
    E, F, G, H = B - A, D - C, D + C, B + A
    return (E * F % _P, G * H % _P, F * G % _P, E * H % _P)


def _mul(s, pt):
    q = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            q = _add(q, pt)
        pt = _add(pt, pt)
        s >>= 1
    return q


def _equal(a, b):
    return (a[0] * b[2] - b[0] * a[2]) % _P == 0 and (a[1] * b[2] - b[1] * a[2]) % _P == 0


def _recover_x(y, sign):
    if y >= _P:
        return None
    x2 = (y * y - 1) * pow(_D * y * y + 1, _P - 2, _P) % _P
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (_P + 3) // 8, _P)
    if (x * x - x2) % _P != 0:
        x = x * _SQRT_M1 % _P
    if (x * x - x2) % _P != 0:
        return None
    if (x & 1) != sign:
        x = _P - x
    return x


def _decompress(s):
    if len(s) != 32:
        return None
    y = int.from_bytes(s, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = _recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % _P)


_GY = 4 * pow(5, _P - 2, _P) % _P
_GX = _recover_x(_GY, 0)
_G = (_GX, _GY, 1, _GX * _GY % _P)


def ed25519_verify(public, message, signature):
    if len(public) != 32 or len(signature) != 64:
        return False
    a = _decompress(public)
    r = _decompress(signature[:32])
    if a is None or r is None:
        return False
    s = int.from_bytes(signature[32:], "little")
    if s >= _Q:
        return False
    h = int.from_bytes(hashlib.sha512(signature[:32] + public + message).digest(), "little") % _Q
    return _equal(_mul(s, _G), _add(r, _mul(h, a)))


# --- RFC 9162 ------------------------------------------------------------------------------------

def verify_inclusion(leaf, index, size, path, root):
    if index >= size:
        return False
    fn, sn = index, size - 1
    r = sha256(b"\x00" + leaf)
    for p in path:
        if sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            r = sha256(b"\x01" + p + r)
            while fn % 2 == 0 and fn != 0:
                fn //= 2
                sn //= 2
        else:
            r = sha256(b"\x01" + r + p)
        fn //= 2
        sn //= 2
    return sn == 0 and r == root


# --- keys -----------------------------------------------------------------------------------------

def key_id(der):
    return hashlib.sha256(der).hexdigest()[:16]


def raw_key_of_spki(der):
    if len(der) != 44 or der[:12] != SPKI_PREFIX:
        return None
    return der[12:] if _decompress(der[12:]) is not None else None


def spki_of_pem(pem):
    body = "".join(l for l in pem.strip().splitlines() if not l.startswith("-----"))
    return base64.b64decode(body)


# --- the bundle -----------------------------------------------------------------------------------

class Problem(Exception):
    def __init__(self, kind, message, **where):
        super().__init__(message)
        self.kind, self.message, self.where = kind, message, where


def _hex(v, n):
    return isinstance(v, str) and len(v) == n and re.fullmatch(r"[0-9a-f]*", v) is not None


def _b64(v):
    return isinstance(v, str) and len(v) % 4 == 0 and re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", v) is not None


def _nat(v, least=0):
    return isinstance(v, int) and not isinstance(v, bool) and least <= v < 2 ** 53


def _cp(v):
    return isinstance(v, str) and re.fullmatch(r"\d{20}-\d{20}", v) is not None


def _time(v):
    return isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z", v) is not None


def _str(v):
    return isinstance(v, str)


def _exactly(o, keys):
    return isinstance(o, dict) and set(o.keys()) == set(keys)


def _checkpoint_body_ok(b):
    return (_exactly(b, ["format", "keyId", "sealHash", "sealedAt", "seq", "treeSize"])
            and b["format"] == CHECKPOINT_FORMAT and _hex(b["keyId"], 16) and _hex(b["sealHash"], 64)
            and _time(b["sealedAt"]) and _nat(b["seq"], 1) and _nat(b["treeSize"], 1))


def _line_ok(kind, o):
    if kind == "key":
        return _exactly(o, ["keyId", "kind", "spki"]) and _hex(o["keyId"], 16) and _b64(o["spki"])
    if kind == "checkpoint":
        return _exactly(o, ["body", "kind", "signature"]) and _b64(o["signature"]) and _checkpoint_body_ok(o["body"])
    if kind == "seal":
        b = o.get("body")
        return (_exactly(o, ["body", "hash", "kind", "signature"]) and _hex(o["hash"], 64) and _b64(o["signature"])
                and _exactly(b, ["eventCount", "fromCheckpoint", "keyId", "merkleRoot", "prevSealHash",
                                 "sealedAt", "seq", "toCheckpoint"])
                and _nat(b["eventCount"], 1) and (b["fromCheckpoint"] == "" or _cp(b["fromCheckpoint"]))
                and _str(b["keyId"]) and _hex(b["merkleRoot"], 64) and _hex(b["prevSealHash"], 64)
                and _time(b["sealedAt"]) and _nat(b["seq"], 1) and _cp(b["toCheckpoint"]))
    if kind == "event":
        e, p = o.get("event"), o.get("proof")
        return (_exactly(o, ["checkpoint", "event", "hash", "kind", "proof"]) and _cp(o["checkpoint"])
                and _hex(o["hash"], 64)
                and _exactly(e, ["data", "id", "metadata", "prevHash", "recordedAt", "stream", "type", "version"])
                and _str(e["id"]) and _hex(e["prevHash"], 64) and _str(e["recordedAt"]) and _str(e["stream"])
                and e["stream"] != "" and _str(e["type"]) and _nat(e["version"], 1)
                and _exactly(p, ["leafIndex", "path", "seal", "treeSize"]) and _nat(p["leafIndex"])
                and isinstance(p["path"], list) and all(_hex(h, 64) for h in p["path"])
                and _nat(p["seal"], 1) and _nat(p["treeSize"], 1))
    if kind == "workflow":
        return _exactly(o, ["history", "kind", "runId", "workflowId"]) and _str(o["runId"]) and _str(o["workflowId"])
    if kind == "document":
        ev = o.get("event")
        return (_exactly(o, ["attached", "content", "contentHash", "event", "kind", "language", "mediaType",
                             "name", "type", "version"])
                and o["attached"] in ("canonical", "redacted") and _b64(o["content"])
                and _str(o["contentHash"]) and re.fullmatch(r"sha256:[0-9a-f]{64}", o["contentHash"]) is not None
                and _exactly(ev, ["stream", "version"]) and _str(ev["stream"]) and _nat(ev["version"], 1)
                and _str(o["language"]) and _str(o["mediaType"]) and _str(o["name"])
                and o["type"] in DOCUMENT_SOURCE and _or_none(o["version"], lambda v: _nat(v, 1)))
    return False


def _or_none(v, test):
    return v is None or test(v)


def _manifest_ok(o):
    if not _exactly(o, ["body", "kind", "signature"]) or not _or_none(o["signature"], _b64):
        return False
    b = o["body"]
    if not _exactly(b, ["documents", "format", "keyId", "parts", "range", "seals", "streams", "subject", "workflow"]):
        return False
    parts = b["parts"]
    return (isinstance(b["documents"], list)
            and all(_exactly(d, ["mediaType", "name", "sha256"]) and _str(d["mediaType"]) and _str(d["name"])
                    and _hex(d["sha256"], 64) for d in b["documents"])
            and _or_none(b["keyId"], lambda v: _hex(v, 16)) and (b["keyId"] is None) == (o["signature"] is None)
            and _exactly(parts, PARTS)
            and all(_exactly(parts[p], ["lines", "sha256"]) and _nat(parts[p]["lines"]) and _hex(parts[p]["sha256"], 64)
                    for p in PARTS)
            and _exactly(b["range"], ["from", "to"]) and _or_none(b["range"]["from"], _str)
            and _or_none(b["range"]["to"], _str)
            and _exactly(b["seals"], ["fromSeq", "toSeq"]) and _or_none(b["seals"]["fromSeq"], lambda v: _nat(v, 1))
            and _or_none(b["seals"]["toSeq"], lambda v: _nat(v, 1))
            and isinstance(b["streams"], list)
            and all(_exactly(s, ["fromVersion", "stream", "toVersion", "unsealed"]) and _str(s["stream"])
                    and _or_none(s["fromVersion"], lambda v: _nat(v, 1)) and _or_none(s["toVersion"], lambda v: _nat(v, 1))
                    and (s["fromVersion"] is None) == (s["toVersion"] is None) and _nat(s["unsealed"])
                    for s in b["streams"])
            and _exactly(b["subject"], ["id", "type"]) and _str(b["subject"]["id"])
            and b["subject"]["type"] in ("mobility", "partnership", "institution")
            and _exactly(b["workflow"], ["reason", "status", "workflowId"])
            and b["workflow"]["status"] in ("included", "absent", "not-applicable")
            and _or_none(b["workflow"]["reason"], _str) and _or_none(b["workflow"]["workflowId"], _str))


def _cp_key(s):
    return s.encode("utf-8")


def _sig_ok(digest, signature_b64, raw_key):
    signature = base64.b64decode(signature_b64)
    return len(signature) == 64 and ed25519_verify(raw_key, digest, signature)


def verify_bundle(data, trusted_spkis=None, kept=None):
    """Returns {"ok": bool, "problem": {"kind", "message"} | None}."""
    try:
        _check(data, trusted_spkis, kept)
        return {"ok": True, "problem": None}
    except Problem as p:
        return {"ok": False, "problem": dict(kind=p.kind, message=p.message, **p.where)}


def _check(data, trusted_spkis, kept):
    # 1. lines
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise Problem("bundle-malformed", "the file is not UTF-8")
    if not text.endswith("\n"):
        raise Problem("bundle-malformed", "the file is empty or does not end with a line feed")
    lines = []
    for i, raw in enumerate(text[:-1].split("\n")):
        n = i + 1
        try:
            v = parse_json(raw)
        except ValueError:
            raise Problem("bundle-malformed", "line %d is not JSON" % n, line=n)
        if not isinstance(v, dict) or not isinstance(v.get("kind"), str):
            raise Problem("bundle-malformed", "line %d is not an object with a kind" % n, line=n)
        if jcs(v) != raw:
            raise Problem("bundle-malformed", "line %d is not canonical" % n, line=n)
        lines.append((n, v, raw))

    # 2. manifest and order
    n1, head, _ = lines[0]
    if head["kind"] != "manifest":
        raise Problem("bundle-malformed", "line 1 is not the manifest", line=1)
    body = head.get("body")
    if not isinstance(body, dict) or body.get("format") != BUNDLE_FORMAT:
        raise Problem("unsupported-format", "unsupported format", line=1)
    if not _manifest_ok(head):
        raise Problem("bundle-malformed", "the manifest is not well formed", line=1)
    manifest = body
    by_part = {p: [] for p in PARTS}
    rank = 0
    for (n, v, raw) in lines[1:]:
        part = PART_OF_KIND.get(v["kind"])
        if part is None or not _line_ok(v["kind"], v):
            raise Problem("bundle-malformed", "line %d is not a well-formed line" % n, line=n)
        r = PARTS.index(part)
        if r < rank:
            raise Problem("bundle-malformed", "line %d is out of place" % n, line=n)
        rank = r
        by_part[part].append((n, v, raw))
    if len(by_part["checkpoint"]) > 1:
        raise Problem("bundle-malformed", "more than one checkpoint line", line=by_part["checkpoint"][1][0])

    # 3. keys
    bundled = {}
    previous_id = None
    for (n, v, _) in by_part["keys"]:
        der = base64.b64decode(v["spki"])
        raw_key = raw_key_of_spki(der)
        if raw_key is None or key_id(der) != v["keyId"]:
            raise Problem("key-invalid", "key %s is not an Ed25519 key with that id" % v["keyId"], line=n)
        if previous_id is not None and _cp_key(previous_id) >= _cp_key(v["keyId"]):
            raise Problem("bundle-malformed", "keys out of order", line=n)
        previous_id = v["keyId"]
        bundled[v["keyId"]] = raw_key
    if trusted_spkis is not None:
        trusted = {}
        for der in trusted_spkis:
            raw_key = raw_key_of_spki(der)
            if raw_key is None:
                raise ValueError("a trusted key is not an Ed25519 SPKI")
            trusted[key_id(der)] = raw_key
    else:
        trusted = bundled

    # 4. seals
    seals = [(n, v) for (n, v, _) in by_part["seals"]]
    prev = None
    for (n, s) in seals:
        b = s["body"]
        digest = jcs_digest(b)
        if digest.hex() != s["hash"]:
            raise Problem("seal-hash-mismatch", "seal %d was altered" % b["seq"], line=n, seal=b["seq"])
        if b["keyId"] not in trusted:
            raise Problem("seal-key-untrusted", "seal %d: untrusted key" % b["seq"], line=n, seal=b["seq"])
        if not _sig_ok(digest, s["signature"], trusted[b["keyId"]]):
            raise Problem("seal-signature-invalid", "seal %d: bad signature" % b["seq"], line=n, seal=b["seq"])
        if prev is not None:
            pb = prev["body"]
            linked = (b["seq"] == pb["seq"] + 1 and b["prevSealHash"] == prev["hash"]
                      and b["fromCheckpoint"] == pb["toCheckpoint"])
        else:
            linked = b["seq"] != 1 or (b["prevSealHash"] == GENESIS and b["fromCheckpoint"] == "")
        if not linked or b["toCheckpoint"] <= b["fromCheckpoint"]:
            raise Problem("seal-chain-broken", "seal %d does not follow" % b["seq"], line=n, seal=b["seq"])
        prev = s
    first = seals[0][1] if seals else None
    last = seals[-1][1] if seals else None

    def sealed_after(index):
        return sum(s["body"]["eventCount"] for (_, s) in seals[index + 1:])

    # 5. the bundle's checkpoint
    head_tree = None
    if by_part["checkpoint"]:
        n, c, _ = by_part["checkpoint"][0]
        b = c["body"]
        if b["keyId"] not in trusted or not _sig_ok(jcs_digest(b), c["signature"], trusted[b["keyId"]]):
            raise Problem("checkpoint-invalid", "the bundle's checkpoint is not validly signed", line=n)
        if last is None or b["seq"] != last["body"]["seq"] or b["sealHash"] != last["hash"] \
                or b["sealedAt"] != last["body"]["sealedAt"]:
            raise Problem("checkpoint-invalid", "the bundle's checkpoint is not its last seal", line=n)
        if b["treeSize"] < sealed_after(-1):
            raise Problem("checkpoint-invalid", "the bundle's checkpoint counts too few events", line=n)
        head_tree = b["treeSize"]

    # 6. the kept checkpoint
    if kept is not None:
        if kept.get("signed") is not None:
            sb = kept["signed"]["body"]
            if sb["keyId"] in trusted and not _sig_ok(jcs_digest(sb), kept["signed"]["signature"], trusted[sb["keyId"]]):
                raise Problem("checkpoint-signature-invalid", "the kept checkpoint has a bad signature")
        seq, tree = kept.get("seq"), kept.get("treeSize")
        index = next((i for i, (_, s) in enumerate(seals) if s["hash"] == kept["sealHash"]), -1)
        if index >= 0:
            if seq is not None and seq != seals[index][1]["body"]["seq"]:
                raise Problem("checkpoint-inconsistent", "the kept checkpoint names another seal")
            if tree is not None and head_tree is not None and head_tree - sealed_after(index) != tree:
                raise Problem("checkpoint-inconsistent", "the kept checkpoint's tree size differs")
        elif first is not None and first["body"]["prevSealHash"] == kept["sealHash"]:
            if seq is not None and seq != first["body"]["seq"] - 1:
                raise Problem("checkpoint-inconsistent", "the kept checkpoint names another seal")
            if tree is not None and head_tree is not None and head_tree - sealed_after(-1) != tree:
                raise Problem("checkpoint-inconsistent", "the kept checkpoint's tree size differs")
        elif first is None or (seq is not None and (seq < first["body"]["seq"] - 1 or seq > last["body"]["seq"])):
            raise Problem("checkpoint-not-covered", "the kept checkpoint is outside the bundle's chain")
        else:
            raise Problem("checkpoint-not-on-chain", "the kept checkpoint is not on the bundle's seal chain")

    # 7. events
    events = [(n, v) for (n, v, _) in by_part["events"]]
    for i in range(1, len(events)):
        a, b = events[i - 1][1]["event"], events[i][1]["event"]
        if (_cp_key(a["stream"]), a["version"]) >= (_cp_key(b["stream"]), b["version"]):
            raise Problem("events-out-of-order", "line %d is out of order" % events[i][0], line=events[i][0],
                          stream=b["stream"], version=b["version"])
    by_seq = {s["body"]["seq"]: s for (_, s) in seals}
    placed = {}
    found = {}
    prev = None
    for (n, line) in events:
        e = line["event"]
        at = dict(line=n, stream=e["stream"], version=e["version"])
        h = hashlib.sha256(jcs(e).encode("utf-8")).hexdigest()
        if h != line["hash"]:
            raise Problem("event-hash-mismatch", "%s@%d was altered" % (e["stream"], e["version"]), **at)
        same = prev is not None and prev["event"]["stream"] == e["stream"]
        if same and e["version"] != prev["event"]["version"] + 1:
            raise Problem("missing-events", "%s skips versions" % e["stream"], **at)
        if (same and e["prevHash"] != prev["hash"]) or (not same and e["version"] == 1 and e["prevHash"] != GENESIS):
            raise Problem("chain-broken", "%s@%d does not chain" % (e["stream"], e["version"]), **at)
        p = line["proof"]
        seal = by_seq.get(p["seal"])
        if seal is None:
            raise Problem("proof-seal-missing", "no seal %d in the bundle" % p["seal"], **at)
        sb = seal["body"]
        if p["treeSize"] != sb["eventCount"] or not (sb["fromCheckpoint"] < line["checkpoint"] <= sb["toCheckpoint"]) \
                or not verify_inclusion(bytes.fromhex(h), p["leafIndex"], p["treeSize"],
                                        [bytes.fromhex(x) for x in p["path"]], bytes.fromhex(sb["merkleRoot"])):
            raise Problem("proof-invalid", "the proof of %s@%d does not hold" % (e["stream"], e["version"]), **at)
        placed.setdefault(sb["seq"], []).append((line["checkpoint"], p["leafIndex"], at))
        if e["stream"] in found:
            found[e["stream"]][1] = e["version"]
        else:
            found[e["stream"]] = [e["version"], e["version"]]
        prev = line
    for seq in sorted(placed):
        entries = sorted(placed[seq], key=lambda x: x[0])
        for i in range(1, len(entries)):
            if entries[i][0] == entries[i - 1][0] or entries[i][1] <= entries[i - 1][1]:
                raise Problem("proof-invalid", "leaf order disagrees with the log order", **entries[i][2])

    # 8. manifest
    def mismatch(message):
        raise Problem("manifest-mismatch", message, line=1)

    declared = manifest["streams"]
    for i in range(1, len(declared)):
        if _cp_key(declared[i - 1]["stream"]) >= _cp_key(declared[i]["stream"]):
            mismatch("streams out of order")
    category = {"mobility": "Mobility", "partnership": "Partnership", "institution": "Institution"}
    subject_stream = category[manifest["subject"]["type"]] + "-" + manifest["subject"]["id"]
    names = [d["stream"] for d in declared]
    if subject_stream not in names:
        mismatch("the subject's stream is not declared")
    for stream in found:
        if stream not in names:
            mismatch("%s is not declared" % stream)
    for d in declared:
        got = found.get(d["stream"])
        if d["fromVersion"] is None:
            if got is not None:
                mismatch("%s: events not declared" % d["stream"])
            continue
        if got is None or got[0] > d["fromVersion"] or got[1] < d["toVersion"]:
            raise Problem("missing-events", "%s: declared versions are missing" % d["stream"], line=1,
                          stream=d["stream"])
        if got[0] < d["fromVersion"] or got[1] > d["toVersion"]:
            mismatch("%s: more versions than declared" % d["stream"])
    want = (first["body"]["seq"] if first else None, last["body"]["seq"] if last else None)
    if (manifest["seals"]["fromSeq"], manifest["seals"]["toSeq"]) != want:
        mismatch("the seal range differs")
    workflows = [v for (_, v, _) in by_part["workflow"]]
    wf = manifest["workflow"]
    if wf["status"] == "included":
        if not workflows or any(w["workflowId"] != wf["workflowId"] for w in workflows):
            mismatch("workflow lines differ")
    elif workflows:
        mismatch("workflow lines differ")
    docs = by_part["documents"]
    if len(docs) != len(manifest["documents"]):
        mismatch("document count differs")
    for d, (n, v, _) in zip(manifest["documents"], docs):
        if v["name"] != d["name"] or v["mediaType"] != d["mediaType"]:
            mismatch("document differs")
        if hashlib.sha256(base64.b64decode(v["content"])).hexdigest() != d["sha256"]:
            raise Problem("document-digest-mismatch", "document %s differs" % d["name"], line=n)
    for part in PARTS:
        got = by_part[part]
        digest = hashlib.sha256("".join(raw + "\n" for (_, _, raw) in got).encode("utf-8")).hexdigest()
        if len(got) != manifest["parts"][part]["lines"] or digest != manifest["parts"][part]["sha256"]:
            raise Problem("manifest-digest-mismatch", "the %s part differs from its digest" % part, line=1)
    if manifest["keyId"] is not None:
        if manifest["keyId"] not in trusted:
            raise Problem("manifest-key-untrusted", "the manifest's key is not trusted", line=1)
        if not _sig_ok(jcs_digest(manifest), head["signature"], trusted[manifest["keyId"]]):
            raise Problem("manifest-signature-invalid", "the manifest's signature is invalid", line=1)

    # 9. documents
    events = {(v["event"]["stream"], v["event"]["version"]): v["event"] for (_, v, _) in by_part["events"]}
    for (n, d, _) in docs:
        def bad(why):
            raise Problem("document-mismatch", "document %s: %s" % (d["name"], why), line=n)
        e = events.get((d["event"]["stream"], d["event"]["version"]))
        if e is None:
            raise Problem("document-event-missing", "document %s: its event is not in the bundle" % d["name"], line=n)
        if e["type"] != DOCUMENT_SOURCE[d["type"]]:
            bad("its event is a " + e["type"])
        if d["type"] in ("learning-agreement", "mou"):
            data = e["data"] if isinstance(e["data"], dict) else {}
            if data.get("version") != d["version"] or data.get("contentHash") != d["contentHash"]:
                bad("its version or content hash is not what its event recorded")
        elif d["version"] is not None:
            bad("a %s has no version" % d["type"])
        if d["mediaType"] != "application/pdf":
            continue
        attached = pdf_attachment(base64.b64decode(d["content"]))
        if attached is None:
            bad("no attached JSON")
        if d["attached"] == "canonical" and "sha256:" + hashlib.sha256(attached).hexdigest() != d["contentHash"]:
            bad("its attached canonical JSON does not hash to its content hash")


def pdf_attachment(pdf):
    """The bytes of the PDF's one embedded file stream (spec, "Documents"), or None."""
    if not pdf.startswith(b"%PDF-"):
        return None
    found = list(re.finditer(rb"/Type\s*/EmbeddedFile(?![A-Za-z0-9])", pdf))
    if len(found) != 1:
        return None
    at = found[0].start()
    start, stream = pdf.rfind(b" obj", 0, at), pdf.find(b"stream", at)
    if start < 0 or stream < 0:
        return None
    dictionary = pdf[start:stream]
    length = re.search(rb"/Length\s+(\d+)(?!\s+\d+\s+R)", dictionary)
    if length is None:
        return None
    body = stream + 6
    if pdf[body:body + 2] == b"\r\n":
        body += 2
    elif pdf[body:body + 1] == b"\n":
        body += 1
    else:
        return None
    raw = pdf[body:body + int(length.group(1))]
    if len(raw) != int(length.group(1)):
        return None
    flt = re.search(rb"/Filter\s*/([A-Za-z0-9]+)", dictionary)
    if flt is None:
        return raw
    if flt.group(1) != b"FlateDecode":
        return None
    try:
        return zlib.decompress(raw)
    except zlib.error:
        return None


def parse_kept(text):
    text = text.strip()
    if re.fullmatch(r"[0-9a-fA-F]{64}", text):
        return {"sealHash": text.lower()}
    c = parse_json(text)
    if not isinstance(c, dict) or not _checkpoint_body_ok(c.get("body")) or not _b64(c.get("signature")):
        raise ValueError("not a checkpoint")
    b = c["body"]
    return {"sealHash": b["sealHash"], "seq": b["seq"], "treeSize": b["treeSize"],
            "signed": {"body": b, "signature": c["signature"]}}


# --- the vectors ------------------------------------------------------------------------------------

def check_vectors(path):
    with open(path, "rb") as f:
        v = parse_json(f.read().decode("utf-8"))
    failures, checked = [], 0

    def expect(ok, what):
        nonlocal checked
        checked += 1
        if not ok:
            failures.append(what)

    raw_keys = {}
    for k in v["keys"]:
        der = base64.b64decode(k["spki"])
        expect(key_id(der) == k["keyId"] and der[12:].hex() == k["raw"] and raw_key_of_spki(der) is not None,
               "key " + k["name"])
        raw_keys[k["name"]] = der[12:]
    for i, e in enumerate(v["eventHashes"]):
        expect(jcs(e["event"]) == e["encoding"], "eventHashes[%d] encoding" % i)
        expect(hashlib.sha256(e["encoding"].encode("utf-8")).hexdigest() == e["hash"], "eventHashes[%d] hash" % i)
    for t in v["merkle"]:
        for p in t["proofs"]:
            expect(verify_inclusion(bytes.fromhex(t["leaves"][p["leafIndex"]]), p["leafIndex"], len(t["leaves"]),
                                    [bytes.fromhex(x) for x in p["path"]], bytes.fromhex(t["root"])),
                   "merkle size %d leaf %d" % (len(t["leaves"]), p["leafIndex"]))
    for i, s in enumerate(v["seals"]):
        expect(jcs(s["body"]) == s["encoding"], "seals[%d] encoding" % i)
        expect(jcs_digest(s["body"]).hex() == s["hash"], "seals[%d] hash" % i)
        expect(_sig_ok(bytes.fromhex(s["hash"]), s["signature"], raw_keys[s["key"]]), "seals[%d] signature" % i)
    for i, c in enumerate(v["checkpoints"]):
        expect(jcs(c["body"]) == c["encoding"], "checkpoints[%d] encoding" % i)
        expect(jcs_digest(c["body"]).hex() == c["digest"], "checkpoints[%d] digest" % i)
        expect(_sig_ok(bytes.fromhex(c["digest"]), c["signature"], raw_keys[c["key"]]), "checkpoints[%d] signature" % i)
    for b in v["bundles"]:
        trusted = [base64.b64decode(k) for k in b["trustedKeys"]] if "trustedKeys" in b else None
        kept = None
        if "checkpoint" in b:
            cp = b["checkpoint"]
            kept = parse_kept(cp if isinstance(cp, str) else json.dumps(cp))
        report = verify_bundle(b["bundle"].encode("utf-8"), trusted, kept)
        got = (report["ok"], report["problem"]["kind"] if report["problem"] else None)
        want = (b["expect"]["ok"], b["expect"].get("problem"))
        expect(got == want, "bundle %s: got %r, expected %r" % (b["name"], got, want))
    return {"checked": checked, "failures": failures}


def main(argv):
    if len(argv) >= 2 and argv[0] == "vectors":
        result = check_vectors(argv[1])
        print(json.dumps(result))
        return 0 if not result["failures"] else 1
    if len(argv) >= 2 and argv[0] == "bundle":
        keys, kept, rest = [], None, argv[2:]
        while rest:
            if rest[0] == "--key" and len(rest) > 1:
                with open(rest[1]) as f:
                    keys.append(spki_of_pem(f.read()))
            elif rest[0] == "--checkpoint" and len(rest) > 1:
                value = rest[1]
                if not re.fullmatch(r"[0-9a-fA-F]{64}", value):
                    with open(value) as f:
                        value = f.read()
                kept = parse_kept(value)
            else:
                print(__doc__, file=sys.stderr)
                return 2
            rest = rest[2:]
        with open(argv[1], "rb") as f:
            report = verify_bundle(f.read(), keys or None, kept)
        print(json.dumps(report))
        return 0 if report["ok"] else 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
