#!/usr/bin/env python3
"""An independent verifier of a Qinglian publication log, written from the public specifications
only: RFC 9162 (Merkle trees and proofs) and the C2SP formats signed-note, tlog-checkpoint and
tlog-tiles. It shares no code with the server, so a bug common to the log and its own verifier
cannot hide here.

Given the log's base URL it
  1. fetches the verifier key (/log/key) and checks its key id,
  2. fetches the checkpoint (/log/checkpoint), checks the log's Ed25519 signature,
  3. fetches every hash tile and entry bundle of the checkpoint's tree, checks that each entry
     hashes to its leaf and each full tile to its hash one tile level up, and recomputes the
     root from the tiles,
  4. checks the entries and inclusion proofs from /log/entries/{i} and
     /api/v1/log/proof/inclusion against the signed root,
  5. with --old-checkpoint, checks the consistency proof from /api/v1/log/proof/consistency
     between that older signed checkpoint and the current one.

Exit status: 0 verified, 1 verification failed (the reason is printed), 2 usage or network error.
Standard library plus python3-cryptography (Debian) for Ed25519.
"""
import argparse
import base64
import binascii
import hashlib
import json
import sys
import urllib.error
import urllib.request

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

TILE_HEIGHT = 8
TILE_WIDTH = 1 << TILE_HEIGHT
HASH_SIZE = 32
ALG_ED25519 = 0x01
EM_DASH = "\u2014"


class VerifyError(Exception):
    """The log failed a check: it is not what its signed checkpoint says."""


class FetchError(Exception):
    """The log could not be read (network, HTTP error): nothing was verified."""


# --- RFC 9162 §2.1.1 hashing ---------------------------------------------------------------

def sha256(data):
    return hashlib.sha256(data).digest()


def leaf_hash(entry):
    return sha256(b"\x00" + entry)


def node_hash(left, right):
    return sha256(b"\x01" + left + right)


def lsb(n):
    return n & 1


# --- RFC 9162 §2.1.3.2: verifying an inclusion proof ---------------------------------------

def verify_inclusion(leaf_index, tree_size, leaf, path, root):
    if leaf_index >= tree_size:
        return False
    fn, sn, r = leaf_index, tree_size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if lsb(fn) or fn == sn:
            r = node_hash(p, r)
            if not lsb(fn):
                while not lsb(fn) and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


# --- RFC 9162 §2.1.4.2: verifying a consistency proof --------------------------------------

def verify_consistency(first, second, first_hash, second_hash, path):
    if first > second:
        return False
    if first == second:  # PROOF(m, D[m]) is empty (§2.1.4.1)
        return not path and first_hash == second_hash
    if first == 0:  # the empty tree is a prefix of every tree; its proof is empty
        return not path
    if not path:
        return False
    if first & (first - 1) == 0:  # an exact power of 2
        path = [first_hash] + list(path)
    fn, sn = first - 1, second - 1
    while lsb(fn):
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if lsb(fn) or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not lsb(fn):
                while not lsb(fn) and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == first_hash and sr == second_hash and sn == 0


# --- c2sp.org/signed-note --------------------------------------------------------------------

def key_id(name, alg, key):
    return sha256(name.encode() + b"\n" + bytes([alg]) + key)[:4]


def parse_vkey(vkey):
    """<name>+<hex key id>+<base64(0x01 || 32-byte Ed25519 key)> -> (name, id bytes, key)."""
    parts = vkey.split("+", 2)  # base64 may contain "+"; a key name may not
    if len(parts) != 3:
        raise VerifyError(f"vkey is not <name>+<id>+<key>: {vkey!r}")
    name, hex_id, b64 = parts
    if not name or any(c.isspace() for c in name):
        raise VerifyError(f"vkey has an invalid key name: {name!r}")
    if len(hex_id) != 8 or any(c not in "0123456789abcdef" for c in hex_id):
        raise VerifyError(f"vkey key id is not 8 lowercase hex digits: {hex_id!r}")
    try:
        raw = base64.b64decode(b64, validate=True)
    except binascii.Error as e:
        raise VerifyError(f"vkey key is not base64: {e}") from None
    if len(raw) != 33 or raw[0] != ALG_ED25519:
        raise VerifyError("vkey is not an Ed25519 key (0x01 followed by 32 bytes)")
    kid = bytes.fromhex(hex_id)
    if key_id(name, ALG_ED25519, raw[1:]) != kid:
        raise VerifyError(f"vkey key id {hex_id} is not SHA-256(name || 0x0A || 0x01 || key)[:4]")
    return name, kid, raw[1:]


def open_note(note, name, kid, key):
    """Returns the note text after checking the signature by (name, kid, key). Other keys'
    signatures (witness cosignatures) are ignored, as signed-note allows."""
    try:
        note.encode("utf-8")
    except UnicodeEncodeError:
        raise VerifyError("note is not UTF-8") from None
    sep = note.rfind("\n\n")
    if sep < 0:
        raise VerifyError("note has no blank line before its signatures")
    text, sigs = note[: sep + 1], note[sep + 2:]
    if not sigs.endswith("\n"):
        raise VerifyError("note signature block does not end in a newline")
    public = Ed25519PublicKey.from_public_bytes(key)
    verified = False
    for line in sigs[:-1].split("\n"):
        fields = line.split(" ")
        if len(fields) != 3 or fields[0] != EM_DASH:
            raise VerifyError(f"malformed signature line: {line!r}")
        try:
            sig = base64.b64decode(fields[2], validate=True)
        except binascii.Error:
            raise VerifyError(f"signature is not base64: {line!r}") from None
        if len(sig) < 5:
            raise VerifyError(f"signature too short: {line!r}")
        if fields[1] != name or sig[:4] != kid:
            continue
        try:
            public.verify(sig[4:], text.encode())
        except InvalidSignature:
            raise VerifyError(f"the log's signature on the checkpoint does not verify ({name})") from None
        verified = True
    if not verified:
        raise VerifyError(f"the checkpoint carries no signature by the log key {name}")
    return text


# --- c2sp.org/tlog-checkpoint ----------------------------------------------------------------

def parse_checkpoint(text):
    lines = text.split("\n")
    if len(lines) < 4 or lines[-1] != "":
        raise VerifyError("checkpoint has fewer than 3 lines")
    origin, size, root = lines[0], lines[1], lines[2]
    if not origin:
        raise VerifyError("checkpoint has an empty origin")
    if not size.isdigit() or not size.isascii() or (size != "0" and size.startswith("0")):
        raise VerifyError(f"checkpoint size is not canonical decimal: {size!r}")
    try:
        root_hash = base64.b64decode(root, validate=True)
    except binascii.Error:
        raise VerifyError("checkpoint root is not base64") from None
    if len(root_hash) != HASH_SIZE:
        raise VerifyError("checkpoint root is not 32 bytes")
    if any(line == "" for line in lines[3:-1]):
        raise VerifyError("checkpoint has an empty extension line")
    return origin, int(size), root_hash


# --- HTTP --------------------------------------------------------------------------------------

class Log:
    def __init__(self, base):
        self.base = base.rstrip("/")
        self.requests = 0

    def get(self, path, content_type=None):
        self.requests += 1
        try:
            with urllib.request.urlopen(self.base + path, timeout=30) as r:
                body = r.read()
                got = r.headers.get("Content-Type", "")
        except urllib.error.HTTPError as e:
            raise FetchError(f"GET {path}: HTTP {e.code}: {e.read()[:200]!r}") from None
        except (urllib.error.URLError, OSError) as e:
            raise FetchError(f"GET {path}: {e}") from None
        if content_type and got.split(";")[0].strip() != content_type:
            raise VerifyError(f"GET {path}: Content-Type {got!r}, expected {content_type}")
        return body

    def json(self, path):
        return json.loads(self.get(path))


def decode_proof(items, what):
    if not isinstance(items, list):
        raise VerifyError(f"{what} is not a JSON array")
    out = []
    for h in items:
        try:
            b = base64.b64decode(h, validate=True)
        except (binascii.Error, TypeError):
            raise VerifyError(f"{what} holds a non-base64 hash") from None
        if len(b) != HASH_SIZE:
            raise VerifyError(f"{what} holds a hash that is not 32 bytes")
        out.append(b)
    return out


# --- c2sp.org/tlog-tiles -----------------------------------------------------------------------

def tile_index_path(n):
    """1234067 -> x001/x234/067."""
    groups = [f"{n % 1000:03d}"]
    n //= 1000
    while n > 0:
        groups.append(f"x{n % 1000:03d}")
        n //= 1000
    return "/".join(reversed(groups))


def tile_path(level, index, width):
    lvl = "entries" if level is None else str(level)
    path = f"/log/tile/{lvl}/{tile_index_path(index)}"
    return path if width == TILE_WIDTH else f"{path}.p/{width}"


class Tiles:
    """The tiles of one tree size, fetched on demand; every hash of the tree comes from them."""

    def __init__(self, log, size):
        self.log, self.size, self.cache = log, size, {}

    def width(self, level, index):
        nodes = self.size >> (TILE_HEIGHT * level)  # complete hashes at that tile level
        if index < nodes // TILE_WIDTH:
            return TILE_WIDTH
        if index == nodes // TILE_WIDTH and nodes % TILE_WIDTH:
            return nodes % TILE_WIDTH
        raise VerifyError(f"tile {level}/{index} is not part of a tree of size {self.size}")

    def tile(self, level, index):
        key = (level, index)
        if key not in self.cache:
            w = self.width(level, index)
            data = self.log.get(tile_path(level, index, w), "application/octet-stream")
            if len(data) != w * HASH_SIZE:
                raise VerifyError(f"tile {tile_path(level, index, w)} has {len(data)} bytes, not {w * HASH_SIZE}")
            self.cache[key] = [data[i:i + HASH_SIZE] for i in range(0, len(data), HASH_SIZE)]
        return self.cache[key]

    def stored(self, level, i):
        """Hash i of tile level `level` (a complete subtree of 256**level leaves)."""
        tile = self.tile(level, i // TILE_WIDTH)
        if i % TILE_WIDTH >= len(tile):
            raise VerifyError(f"hash {i} of tile level {level} is not complete at size {self.size}")
        return tile[i % TILE_WIDTH]

    def subtree(self, height, index):
        """MTH of leaves [index * 2**height, (index + 1) * 2**height), complete at this size."""
        level, rest = divmod(height, TILE_HEIGHT)
        row = [self.stored(level, (index << rest) + j) for j in range(1 << rest)]
        while len(row) > 1:
            row = [node_hash(row[j], row[j + 1]) for j in range(0, len(row), 2)]
        return row[0]

    def root(self, size):
        """MTH(D[0:size]) for size <= self.size: the complete subtrees of size's binary
        decomposition, largest (leftmost) first, hashed together from the right."""
        if size == 0:
            return sha256(b"")
        parts, start = [], 0
        for height in range(size.bit_length() - 1, -1, -1):
            if size & (1 << height):
                parts.append(self.subtree(height, start >> height))
                start += 1 << height
        r = parts[-1]
        for h in reversed(parts[:-1]):
            r = node_hash(h, r)
        return r

    def check_all(self):
        """Fetches every tile of the tree and every entry bundle: each entry must hash to its
        leaf, each full tile to its hash one level up. Returns the entries."""
        level = 0
        while self.size >> (TILE_HEIGHT * level):
            nodes = self.size >> (TILE_HEIGHT * level)
            for index in range((nodes + TILE_WIDTH - 1) // TILE_WIDTH):
                hashes = self.tile(level, index)
                if len(hashes) == TILE_WIDTH and (nodes >> TILE_HEIGHT) > index:
                    row = hashes
                    while len(row) > 1:
                        row = [node_hash(row[j], row[j + 1]) for j in range(0, len(row), 2)]
                    if row[0] != self.stored(level + 1, index):
                        raise VerifyError(f"full tile {level}/{index} does not hash to tile {level + 1}'s entry {index}")
            level += 1
        entries = []
        for index in range((self.size + TILE_WIDTH - 1) // TILE_WIDTH):
            w = self.width(0, index)
            data = self.log.get(tile_path(None, index, w), "application/octet-stream")
            got, pos = [], 0
            while pos < len(data):
                if pos + 2 > len(data):
                    raise VerifyError(f"entry bundle {index} is truncated")
                n = int.from_bytes(data[pos:pos + 2], "big")
                if pos + 2 + n > len(data):
                    raise VerifyError(f"entry bundle {index} is truncated")
                got.append(data[pos + 2:pos + 2 + n])
                pos += 2 + n
            if len(got) != w:
                raise VerifyError(f"entry bundle {index} holds {len(got)} entries, not {w}")
            for j, entry in enumerate(got):
                if leaf_hash(entry) != self.stored(0, index * TILE_WIDTH + j):
                    raise VerifyError(f"entry {index * TILE_WIDTH + j} of the bundle does not hash to its leaf")
            entries.extend(got)
        return entries


# --- the checks --------------------------------------------------------------------------------

def signed_checkpoint(note, name, kid, key, origin):
    cp_origin, size, root = parse_checkpoint(open_note(note, name, kid, key))
    if cp_origin != origin:
        raise VerifyError(f"checkpoint origin {cp_origin!r} is not the log's {origin!r}")
    return size, root


def verify(args):
    log = Log(args.url)
    vkey = args.vkey or log.get("/log/key").decode().strip()
    name, kid, key = parse_vkey(vkey)
    origin = args.origin or name
    note = open(args.checkpoint, encoding="utf-8").read() if args.checkpoint else log.get("/log/checkpoint").decode()
    size, root = signed_checkpoint(note, name, kid, key, origin)
    print(f"checkpoint: {origin} size {size}, signature by {name}+{kid.hex()} verified")

    tiles = Tiles(log, size)
    if tiles.root(size) != root:
        raise VerifyError(f"the root recomputed from the tiles differs from the checkpoint's (size {size})")
    entries = tiles.check_all()
    print(f"tiles: root of {size} entries recomputed from {len(tiles.cache)} hash tiles; "
          f"every entry bundle hashes to its leaves")

    # Inclusion: every entry of a small log, else the first, the middle and the last.
    indexes = range(size) if size <= 64 else sorted({0, size // 2, size - 1})
    for i in indexes:
        entry = log.get(f"/log/entries/{i}")
        if entry != entries[i]:
            raise VerifyError(f"/log/entries/{i} differs from entry {i} of its bundle")
        proof = decode_proof(log.json(f"/api/v1/log/proof/inclusion?index={i}&size={size}"), "inclusion proof")
        if not verify_inclusion(i, size, leaf_hash(entry), proof, root):
            raise VerifyError(f"inclusion proof of entry {i} in tree {size} does not verify")
    print(f"inclusion: {len(indexes)} entries proven in the signed tree")

    if args.old_checkpoint:
        old_size, old_root = signed_checkpoint(open(args.old_checkpoint, encoding="utf-8").read(),
                                               name, kid, key, origin)
        if old_size > size:
            raise VerifyError(f"the log shrank: old checkpoint {old_size} > current {size}")
        proof = decode_proof(log.json(f"/api/v1/log/proof/consistency?from={old_size}&to={size}"),
                             "consistency proof")
        if not verify_consistency(old_size, size, old_root, root, proof):
            raise VerifyError(f"consistency proof from {old_size} to {size} does not verify")
        if tiles.root(old_size) != old_root:
            raise VerifyError(f"the tiles of tree {size} do not contain the old tree {old_size}")
        print(f"consistency: tree {old_size} is a prefix of tree {size} (proof and tiles)")
    print(f"OK: {log.requests} requests")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("url", help="the log's base URL, e.g. http://127.0.0.1:8080")
    p.add_argument("--vkey", help="the log's verifier key (default: trust /log/key)")
    p.add_argument("--origin", help="the expected checkpoint origin (default: the key name)")
    p.add_argument("--checkpoint", help="verify this checkpoint note file instead of /log/checkpoint")
    p.add_argument("--old-checkpoint", help="an earlier checkpoint note file to check consistency with")
    args = p.parse_args()
    try:
        verify(args)
    except VerifyError as e:
        print(f"VERIFICATION FAILED: {e}", file=sys.stderr)
        return 1
    except (FetchError, OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
