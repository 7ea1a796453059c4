#include "disclosure/tlog_tree.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <span>

#include "disclosure/tlog_test_util.hpp"

namespace ql::tlog {
namespace {

using test::error_code;
using test::hash_from_b64;
using test::hash_from_hex;
using test::unhex;

// The inputs of the RFC 6962 reference tree used by Certificate Transparency test suites,
// and the roots of its prefixes of size 1..8.
const std::vector<std::string> kCtLeaves = {"",
                                            "00",
                                            "10",
                                            "2021",
                                            "3031",
                                            "40414243",
                                            "5051525354555657",
                                            "606162636465666768696a6b6c6d6e6f"};
const std::vector<std::string> kCtRoots = {
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

MemoryHashStore ct_tree() {
  MemoryHashStore store;
  for (const auto& hex : kCtLeaves) store.append(unhex(hex));
  return store;
}

Proof hashes(std::initializer_list<const char*> hex) {
  Proof p;
  for (const char* h : hex) p.push_back(hash_from_hex(h));
  return p;
}

// Counts reader calls, to hold the functions to their one-call, O(log n)-hashes promise.
class CountingReader final : public HashReader {
 public:
  explicit CountingReader(const HashReader& inner) : inner_(inner) {}
  std::vector<Hash> read_hashes(std::span<const NodeId> nodes) const override {
    ++calls;
    max_nodes = std::max(max_nodes, nodes.size());
    return inner_.read_hashes(nodes);
  }
  mutable int calls = 0;
  mutable std::size_t max_nodes = 0;

 private:
  const HashReader& inner_;
};

// ---- RFC 9162 §2.1 written out literally over a list of leaf hashes: the reference the
// stored-hash implementation is checked against.
Hash ref_mth(std::span<const Hash> d) {
  if (d.empty()) return empty_root();
  if (d.size() == 1) return d[0];
  const std::size_t k = std::bit_floor(d.size() - 1);
  return node_hash(ref_mth(d.first(k)), ref_mth(d.subspan(k)));
}

Proof ref_path(std::size_t m, std::span<const Hash> d) {
  if (d.size() == 1) return {};
  const std::size_t k = std::bit_floor(d.size() - 1);
  Proof p = m < k ? ref_path(m, d.first(k)) : ref_path(m - k, d.subspan(k));
  p.push_back(m < k ? ref_mth(d.subspan(k)) : ref_mth(d.first(k)));
  return p;
}

Proof ref_subproof(std::size_t m, std::span<const Hash> d, bool b) {
  if (m == d.size()) return b ? Proof{} : Proof{ref_mth(d)};
  const std::size_t k = std::bit_floor(d.size() - 1);
  Proof p = m <= k ? ref_subproof(m, d.first(k), b) : ref_subproof(m - k, d.subspan(k), false);
  p.push_back(m <= k ? ref_mth(d.subspan(k)) : ref_mth(d.first(k)));
  return p;
}

TEST(TlogTree, RootsMatchRfc6962ReferenceTree) {
  MemoryHashStore store = ct_tree();
  EXPECT_EQ(tree_hash(0, store), empty_root());
  for (std::size_t n = 1; n <= kCtRoots.size(); ++n)
    EXPECT_EQ(tree_hash(n, store), hash_from_hex(kCtRoots[n - 1])) << "size " << n;
  EXPECT_EQ(store.root(),
            hash_from_hex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"));
}

TEST(TlogTree, InclusionProofsMatchReferenceVectors) {
  // (index, size, audit path) from the RFC 6962 reference test suite.
  struct Vector {
    std::uint64_t index, size;
    Proof proof;
  };
  const std::vector<Vector> vectors = {
      {0, 1, {}},
      {0, 8,
       hashes({"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
               "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
               "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"})},
      {5, 8,
       hashes({"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
               "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
               "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"})},
      {2, 3, hashes({"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"})},
      {1, 5,
       hashes({"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
               "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
               "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"})},
  };
  MemoryHashStore store = ct_tree();
  for (const auto& v : vectors) {
    SCOPED_TRACE("index " + std::to_string(v.index) + " size " + std::to_string(v.size));
    EXPECT_EQ(inclusion_proof(v.index, v.size, store), v.proof);
    const Hash leaf = leaf_hash(unhex(kCtLeaves[v.index]));
    const Hash root = hash_from_hex(kCtRoots[v.size - 1]);
    EXPECT_TRUE(verify_inclusion(leaf, v.index, v.size, v.proof, root));
    EXPECT_FALSE(verify_inclusion(leaf, v.index, v.size, v.proof, empty_root()));
    EXPECT_FALSE(verify_inclusion(leaf_hash("WrongLeaf"), v.index, v.size, v.proof, root));
    Proof longer = v.proof;
    longer.push_back(root);
    EXPECT_FALSE(verify_inclusion(leaf, v.index, v.size, longer, root));
    longer.insert(longer.begin(), root);
    longer.pop_back();
    EXPECT_FALSE(verify_inclusion(leaf, v.index, v.size, longer, root));
  }
}

TEST(TlogTree, ConsistencyProofsMatchReferenceVectors) {
  struct Vector {
    std::uint64_t old_size, new_size;
    Proof proof;
  };
  const std::vector<Vector> vectors = {
      {1, 1, {}},
      {1, 8,
       hashes({"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
               "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
               "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"})},
      {6, 8,
       hashes({"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
               "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
               "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"})},
      {2, 5,
       hashes({"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
               "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"})},
      {6, 7,
       hashes({"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
               "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
               "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"})},
  };
  MemoryHashStore store = ct_tree();
  for (const auto& v : vectors) {
    SCOPED_TRACE("sizes " + std::to_string(v.old_size) + " → " + std::to_string(v.new_size));
    EXPECT_EQ(consistency_proof(v.old_size, v.new_size, store), v.proof);
    const Hash r1 = hash_from_hex(kCtRoots[v.old_size - 1]);
    const Hash r2 = hash_from_hex(kCtRoots[v.new_size - 1]);
    EXPECT_TRUE(verify_consistency(v.old_size, v.new_size, v.proof, r1, r2));
    if (v.old_size == v.new_size) continue;
    EXPECT_FALSE(verify_consistency(v.old_size, v.new_size, v.proof, r2, r1));
    EXPECT_FALSE(verify_consistency(v.old_size, v.new_size, {}, r1, r2));
    EXPECT_FALSE(verify_consistency(v.old_size - 1, v.new_size, v.proof, r1, r2));
    EXPECT_FALSE(verify_consistency(v.old_size + 1, v.new_size, v.proof, r1, r2));
    EXPECT_FALSE(verify_consistency(v.old_size, v.new_size * 2, v.proof, r1, r2));
    EXPECT_FALSE(verify_consistency(v.old_size, v.new_size / 2, v.proof, r1, r2));
    Proof p = v.proof;
    p.push_back(r2);
    EXPECT_FALSE(verify_consistency(v.old_size, v.new_size, p, r1, r2));
    p.pop_back();
    p.insert(p.begin(), p.front());
    EXPECT_FALSE(verify_consistency(v.old_size, v.new_size, p, r1, r2));
  }
}

TEST(TlogTree, VerifiesRealCertificateTransparencyProofs) {
  // Google's Argon 2020 CT log (as captured in Go's golang.org/x/mod/sumdb/tlog testdata):
  // get-sth, get-entries for entry 10000, get-proof-by-hash and get-sth-consistency from
  // size 3654490. Proofs made by a different implementation over a tree of 961,984,013.
  const std::uint64_t size = 961984013;
  const Hash root = hash_from_b64("dwlueapdd7LaOEnX2W2Wp9v2XE+KzejHRQGHwEx0oaM=");
  const auto entry = base64_decode(
      "AAAAAAFelPhqUwAAAAViMIIFXjCCBEagAwIBAgIRAOodHzZdqWIFzYyl/SovhCMwDQYJKoZIhvcNAQELBQAwgZAxCzAJ"
      "BgNVBAYTAkdCMRswGQYDVQQIExJHcmVhdGVyIE1hbmNoZXN0ZXIxEDAOBgNVBAcTB1NhbGZvcmQxGjAYBgNVBAoTEUNP"
      "TU9ETyBDQSBMaW1pdGVkMTYwNAYDVQQDEy1DT01PRE8gUlNBIERvbWFpbiBWYWxpZGF0aW9uIFNlY3VyZSBTZXJ2ZXIg"
      "Q0EwHhcNMTcwMjE1MDAwMDAwWhcNMjAwNDE2MjM1OTU5WjBfMSEwHwYDVQQLExhEb21haW4gQ29udHJvbCBWYWxpZGF0"
      "ZWQxHTAbBgNVBAsTFFBvc2l0aXZlU1NMIFdpbGRjYXJkMRswGQYDVQQDDBIqLmxhbmRsb3Jkcy5jb20uYXUwggEiMA0G"
      "CSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQCtPBKKHj4zdrGlCjgTHzb5gx9JCs97DwvBz60f14gDufF2haWbOxyJ0a3o"
      "pAMsZnOr8HkARVCwxdqG/"
      "PTfACcb0QM7FOlzvxGqxataTYiChwvkkif8F9GlJw69HuHgzhusPf1Ytfk3ps1PRC14MkyrS4"
      "kwPrk/"
      "Le4XdkqRpRw62wG4V6IkbzsNMEOl1H8EgUbfyapdOcVxHjIzvBVy56fBRKG05Fr5wNq3Acak5kYZdNsLhhmlrqAf"
      "AjiombW3hb3V5blJdRC0BDdYHv2+zKey6LqJ1FDoXo6IzbzPpC+aifZy47YX+/"
      "N1U64Qn5xlDg7mOP8JXfkNJHbU1TJZHi"
      "f5AgMBAAGjggHhMIIB3TAfBgNVHSMEGDAWgBSQr2o6lFoL2JDqElZz30O0Oija5zAdBgNVHQ4EFgQUNQSLjkoz01I+"
      "iuuo"
      "C5lgEp0anhcwDgYDVR0PAQH/BAQDAgWgMAwGA1UdEwEB/"
      "wQCMAAwHQYDVR0lBBYwFAYIKwYBBQUHAwEGCCsGAQUFBwMCME8G"
      "A1UdIARIMEYwOgYLKwYBBAGyMQECAgcwKzApBggrBgEFBQcCARYdaHR0cHM6Ly9zZWN1cmUuY29tb2RvLmNvbS9DUFMw"
      "CAYGZ4EMAQIBMFQGA1UdHwRNMEswSaBHoEWGQ2h0dHA6Ly9jcmwuY29tb2RvY2EuY29tL0NPTU9ET1JTQURvbWFpblZh"
      "bGlkYXRpb25TZWN1cmVTZXJ2ZXJDQS5jcmwwgYUGCCsGAQUFBwEBBHkwdzBPBggrBgEFBQcwAoZDaHR0cDovL2NydC5j"
      "b21vZG9jYS5jb20vQ09NT0RPUlNBRG9tYWluVmFsaWRhdGlvblNlY3VyZVNlcnZlckNBLmNydDAkBggrBgEFBQcwAYYY"
      "aHR0cDovL29jc3AuY29tb2RvY2EuY29tMC8GA1UdEQQoMCaCEioubGFuZGxvcmRzLmNvbS5hdYIQbGFuZGxvcmRzLmNv"
      "bS5hdTANBgkqhkiG9w0BAQsFAAOCAQEACyHqxUzrexToY7tOv4+kyGPP2D27P1tQpyzeAl1bPObiMhNK2b9vvBLDWAaq"
      "m8c0YL1h+DBdLoWzf3xFsIkTCVCjWJTNSNlcYtgRk6or1s7jWsfXzWqsnPjPPmTIOCw7EfH7Yme3oxPs3UUsmShAgPwN"
      "ohAtL9GqlqMiKM6v1WU3NHt01jEoNP23LRa6KeNK6AH6WHJykzL223IlhgXjHTeuQj6lR+TNrQXJuhwTXYe+20rrpPQx"
      "c1Pn7AqnvfWgmicRQ7gdIcr4V6+ecTvLfNOaJ0ZYe5G5giuAAdTm7F57pk04f4gyZNYKrj88mvbkoriN8b6jcWExtrYO"
      "6bm2TwAA");
  ASSERT_TRUE(entry);
  Proof audit;
  for (const char* h : {"T46AmJsuOM/gFiGlUp+IJJebp+1Z5qratFNW7U0JyOQ=",
                        "9Jj1Feodn42uRYEfffkV4HF/EIPFQ5Zo9IwkxbQ2uhk=",
                        "D53/1oCNebF4J59HHgioovKZxrmrKcVuCVhy3Izg8Ck=",
                        "wSFDgGSrsXRPA+1c8WHoAFCsWeUv8NDyP/Q/SgsyVyY=",
                        "516/RcwsgdwdzHn18v1dJHqBkgFUbNhmCIWOGjsMJaE=",
                        "naTFY2ajLFgrgs5XUl+zJYZnnlJksLGsA1VYwpLfqbY=",
                        "mKBRJo6qao+0Kdh/rhGkZUbHUAxMhrtrclrTpIbNjIg=",
                        "Co4ueOFE7lpifLio94irxxsv1wFMMaK3tPu2ZQkHlro=",
                        "yRgy800K6JMYCC05sWfqF2kvCg2riT/pVM+nEa6V5+0=",
                        "n2O38XJZC8/Wpbwi9HhgVizlUyeUHVZvYyQB1607MRc=",
                        "go3tAjuNfNSCj87y2Rg1xOroDknGN1eaf3cgvzObf7Q=",
                        "8D0Mj3/J7ySSnFb0afIHYXv6rlOhECnsebY6XKi1IR8=",
                        "6rcez46ZU8M5vPiWVMAUfJfAOV0pPP/mch/lYzZhj/M=",
                        "2rtIeXrPvSdUyHc5maIgSAVB2BzaKaupWxSAiVayDE4=",
                        "nniW/IMFQPN5xw8UsHFn7CRStYbm1gLu7NNa6kkRqJQ=",
                        "mRPPi7sQS22MduIEyvcNzCNFqIt6kLwYPkNKrVtIcu8=",
                        "JvTivzESNS9wHI8aph5a7uieVmtS/p9PciMZ5D6GyOo=",
                        "UTyQd+Ym0wY4zG+qK806bBORwi1CSVvFQ/KknnqoZj8=",
                        "hXODrqN+ff+U6zPqRQ+ZQKs6im1fPcxIerDSfNwflhE=",
                        "II6GE+WY/DrpZzfHztLwkR46o37zVkNLCyPYlf68zA0=",
                        "d609kWWcNBllbA8Jb/ad4XAVVGnScLRmtP8FYyr+Dck=",
                        "rikBsP0G0gioXRpBFED2CzQdSLrGPvRd0bEcbEZw1rI=",
                        "GXIElfmnRuWfbA4z7ubV/UwlpSRUbUeec7oL5HDDnh0=",
                        "pR0SH/NYP6s9+8azWwaeUXA4Ze/3WCIgMfh5YW6wvcE=",
                        "f3GuAKYVrF8RBg3s15jvA/YvV9oAliWtzP/imwPhQVA=",
                        "WHn8zDxlVgkV+lSlmzaOdfSBrTHoRr5nT3d76q0KKWE=",
                        "f2uV2ZxVgULzLPKuZcowRY3ZY7fRlX59iDBjV1R8kNQ=",
                        "NzQVjJsvQwbi7WStMr9oFkh9VbHfK7LB6o7WwAqwNTs=",
                        "C0LttBeYHZHgL+032JIcJC3CTBIyza/hsbmJUgJfmDI=",
                        "nixU5CWTFVDlF4BGdcU6kA7WSYurEpe9jRWc+F/7sOc="})
    audit.push_back(hash_from_b64(h));
  EXPECT_TRUE(verify_inclusion(leaf_hash(*entry), 10000, size, audit, root));
  EXPECT_FALSE(verify_inclusion(leaf_hash(*entry), 10001, size, audit, root));

  Proof consistency;
  for (const char* h : {"80Sfbj6UQEdVSZCSIgh9NMPj3vCBzcc1A48B2crJSWg=",
                        "FZcrgAHUk6nNPviJZq8kEK6jCG1d18pJOFE45ZDc1TQ=",
                        "Q67reWXmPBo1UfmwBap4Xi9PMPfFdUSSw3WGlRZdG7k=",
                        "eJ7CyhR4PxzBxDIsWgrVYW1eFUb9ndgf46tFmiqVrxA=",
                        "QrDwp062Grm5WY8KdrhFsBuuNjGzRox2Jb8PmVL5OYw=",
                        "XM4YMjMEdLH/XJam/ZWyaP14k3cmsOtnPsOWQ54lW1s=",
                        "SGiBh+jOTGccXU48ZzgQ88lRcBmtB4wz4oSDndv2QTg=",
                        "WAS6txqNLYKGL1GdBdpqmV42TTfn6cJsuDsqLXuTCNI=",
                        "QFmRS0rirUA7ZN3lxFjDncV+E1OCrn3NUB4RCp+5fzc=",
                        "Hdbp7It2XBNZmNDBpCN/KPd7vfVqxgzwOosqVIaEA9E=",
                        "mxvHL0ZiblBdD7j7pIa1jlfB0gSqfJ6oX0UGo7L0VsU=",
                        "q5hjyvoW6TL/PThgcitpDcSTrnKX2p1+aqscqH2euRA=",
                        "jTOWDqt3IHj2NVFeezyBz2ofpru+ztEywqKUAfFclKI=",
                        "GIRn0w3HqJdvU9j1WVD//eR6lk2AaTVjyzjsJNP8U88=",
                        "x52GJvxG81fnQBrgOTbll1A5tz95/LXK0Ag1NhB0r1I=",
                        "6/0OqrcTgc3o5dD5PymmoC96lB9yLPFuTHVvLy8fSGk=",
                        "Gf+iKLfcXO5l4JEFmsZvSdG5q1uEeWPfYLrds6pmjz0=",
                        "DGuaco+McyM3AfRSF6qX7RwSetwe2ieYJmxw5e9rVx0=",
                        "2tQJ9V32hnYp+fdpP6TcjmgJmLeNVOMKM0Ml1kk4cNU=",
                        "3PapK+IkyJr8I9yAErAmzuZezzLMzsg+PfeRCgNW8NQ=",
                        "s6xiYeejb+wtqHA+URJZ2I/SCPyIW8coP6aB00FJbMY=",
                        "z9lSpmdTcr5M5ZzKlc4EPh3SrSypKFdk6JUF/UccaZU=",
                        "GXIElfmnRuWfbA4z7ubV/UwlpSRUbUeec7oL5HDDnh0=",
                        "pR0SH/NYP6s9+8azWwaeUXA4Ze/3WCIgMfh5YW6wvcE=",
                        "f3GuAKYVrF8RBg3s15jvA/YvV9oAliWtzP/imwPhQVA=",
                        "WHn8zDxlVgkV+lSlmzaOdfSBrTHoRr5nT3d76q0KKWE=",
                        "f2uV2ZxVgULzLPKuZcowRY3ZY7fRlX59iDBjV1R8kNQ=",
                        "NzQVjJsvQwbi7WStMr9oFkh9VbHfK7LB6o7WwAqwNTs=",
                        "C0LttBeYHZHgL+032JIcJC3CTBIyza/hsbmJUgJfmDI=",
                        "nixU5CWTFVDlF4BGdcU6kA7WSYurEpe9jRWc+F/7sOc="})
    consistency.push_back(hash_from_b64(h));
  const Hash old_root = hash_from_b64("AuIZ5V6sDUj1vn3Y1K85oOaQ7y+FJJKtyRTl1edIKBQ=");
  EXPECT_TRUE(verify_consistency(3654490, size, consistency, old_root, root));
  EXPECT_FALSE(verify_consistency(3654491, size, consistency, old_root, root));
}

// Every inclusion and consistency proof of every tree up to 130 leaves (past 128, so trees
// of 1, 2 and 3 complete-subtree heights and every tile-free shape) equals the literal RFC
// recursion, verifies, and fails once any byte of it is changed.
TEST(TlogTree, BruteForceAllProofsUpTo130Leaves) {
  constexpr std::uint64_t kMax = 130;
  MemoryHashStore store;
  std::vector<Hash> leaves;
  for (std::uint64_t i = 0; i < kMax; ++i) {
    leaves.push_back(leaf_hash("entry " + std::to_string(i)));
    store.append("entry " + std::to_string(i));
  }
  std::vector<Hash> roots{empty_root()};
  for (std::uint64_t n = 1; n <= kMax; ++n) {
    roots.push_back(tree_hash(n, store));
    ASSERT_EQ(roots[n], ref_mth(std::span(leaves).first(n))) << "size " << n;
  }
  auto flip = [](Proof p, std::size_t i) {
    p[i][(i * 7) % kHashSize] ^= 0x20;
    return p;
  };
  for (std::uint64_t n = 1; n <= kMax; ++n) {
    const auto d = std::span(leaves).first(n);
    for (std::uint64_t i = 0; i < n; ++i) {
      const Proof p = inclusion_proof(i, n, store);
      ASSERT_EQ(p, ref_path(i, d)) << i << " in " << n;
      ASSERT_TRUE(verify_inclusion(leaves[i], i, n, p, roots[n])) << i << " in " << n;
      for (std::size_t k = 0; k < p.size(); ++k)
        ASSERT_FALSE(verify_inclusion(leaves[i], i, n, flip(p, k), roots[n])) << i << " in " << n;
      Hash bad_root = roots[n];
      bad_root[31] ^= 1;
      ASSERT_FALSE(verify_inclusion(leaves[i], i, n, p, bad_root));
      ASSERT_FALSE(verify_inclusion(leaves[(i + 1) % kMax], i, n, p, roots[n]));
      if (!p.empty()) {
        ASSERT_FALSE(verify_inclusion(leaves[i], i, n, std::span(p).first(p.size() - 1), roots[n]));
      }
      Proof longer = p;
      longer.push_back(roots[n]);
      ASSERT_FALSE(verify_inclusion(leaves[i], i, n, longer, roots[n]));
    }
    for (std::uint64_t m = 0; m <= n; ++m) {
      const Proof p = consistency_proof(m, n, store);
      if (m > 0 && m < n) {
        ASSERT_EQ(p, ref_subproof(m, d, true)) << m << " → " << n;
      }
      ASSERT_TRUE(verify_consistency(m, n, p, roots[m], roots[n])) << m << " → " << n;
      for (std::size_t k = 0; k < p.size(); ++k)
        ASSERT_FALSE(verify_consistency(m, n, flip(p, k), roots[m], roots[n])) << m << " → " << n;
      Hash bad_old = roots[m], bad_new = roots[n];
      bad_old[0] ^= 1;
      bad_new[0] ^= 1;
      ASSERT_FALSE(verify_consistency(m, n, p, bad_old, roots[n])) << m << " → " << n;
      if (m > 0) {  // every tree extends the empty one, whatever its root
        ASSERT_FALSE(verify_consistency(m, n, p, roots[m], bad_new)) << m << " → " << n;
      }
      if (m < n) {
        ASSERT_FALSE(verify_consistency(m, n, p, roots[n], roots[m]));
      }
    }
  }
}

TEST(TlogTree, EdgeCasesOfVerification) {
  const Hash a = leaf_hash("a"), b = leaf_hash("b");
  // A one-leaf tree's root is its leaf, with an empty proof.
  EXPECT_TRUE(verify_inclusion(a, 0, 1, {}, a));
  EXPECT_FALSE(verify_inclusion(a, 0, 1, {}, b));
  for (auto [index, size] : {std::pair<std::uint64_t, std::uint64_t>{0, 0}, {1, 0}, {1, 1}, {2, 1}})
    EXPECT_FALSE(verify_inclusion(a, index, size, {}, a));
  EXPECT_FALSE(verify_inclusion(a, UINT64_MAX, UINT64_MAX, {}, a));

  EXPECT_TRUE(verify_consistency(0, 0, {}, empty_root(), empty_root()));
  EXPECT_TRUE(verify_consistency(0, 5, {}, empty_root(), b));
  EXPECT_TRUE(verify_consistency(3, 3, {}, a, a));
  EXPECT_FALSE(verify_consistency(0, 0, {}, a, b));
  EXPECT_FALSE(verify_consistency(0, 5, {}, a, b));                   // not the empty tree's root
  EXPECT_FALSE(verify_consistency(0, 5, Proof{a}, empty_root(), b));  // proof where none is
  EXPECT_FALSE(verify_consistency(3, 3, Proof{a}, a, a));
  EXPECT_FALSE(verify_consistency(3, 3, {}, a, b));
  EXPECT_FALSE(verify_consistency(2, 1, {}, a, b));
  EXPECT_FALSE(verify_consistency(1, 2, {}, a, b));
}

TEST(TlogTree, ProofsAndRootsUseOneReadOfLogarithmicSize) {
  MemoryHashStore store;
  for (int i = 0; i < 5000; ++i) store.append(std::to_string(i));
  CountingReader reader(store);
  const Hash root = tree_hash(4999, reader);
  EXPECT_EQ(reader.calls, 1);
  EXPECT_LE(reader.max_nodes, 13u);  // one node per set bit of 4999
  const Proof p = inclusion_proof(1234, 4999, reader);
  EXPECT_EQ(reader.calls, 2);
  EXPECT_LE(reader.max_nodes, 2u * 13);
  EXPECT_TRUE(verify_inclusion(leaf_hash("1234"), 1234, 4999, p, root));
  consistency_proof(1000, 4999, reader);
  EXPECT_EQ(reader.calls, 3);
  EXPECT_LE(reader.max_nodes, 2u * 13);
  stored_hashes_for_append(5000 - 1, leaf_hash("x"), reader);
  EXPECT_EQ(reader.calls, 4);
}

TEST(TlogTree, StoredHashesForAppendFollowGoLayout) {
  // Appending leaf 3 (binary 11) finishes the subtrees (1, 1) and (2, 0).
  MemoryHashStore store;
  for (int i = 0; i < 3; ++i) store.append(std::to_string(i));
  const auto stored = stored_hashes_for_append(3, leaf_hash("3"), store);
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_EQ(stored[0].node, (NodeId{0, 3}));
  EXPECT_EQ(stored[1].node, (NodeId{1, 1}));
  EXPECT_EQ(stored[2].node, (NodeId{2, 0}));
  EXPECT_EQ(stored[1].hash, node_hash(leaf_hash("2"), leaf_hash("3")));
  EXPECT_EQ(stored[2].hash, node_hash(node_hash(leaf_hash("0"), leaf_hash("1")), stored[1].hash));

  // The dense index of Go's tlog.StoredHashIndex: leaves and the subtrees they finish, in
  // append order.
  const std::vector<NodeId> order = {{0, 0}, {0, 1}, {1, 0}, {0, 2},
                                     {0, 3}, {1, 1}, {2, 0}, {0, 4}};
  for (std::uint64_t i = 0; i < order.size(); ++i) {
    EXPECT_EQ(stored_hash_index(order[i]), i);
    EXPECT_EQ(split_stored_hash_index(i), order[i]);
  }
  for (std::uint64_t i = 0; i < 100000; ++i)
    ASSERT_EQ(stored_hash_index(split_stored_hash_index(i)), i) << i;
  EXPECT_EQ(stored_hash_count(0), 0u);
  EXPECT_EQ(stored_hash_count(4), 7u);
  EXPECT_EQ(stored_hash_count(5), 8u);
  // Each append's hashes sit consecutively right after the previous ones.
  MemoryHashStore grown;
  for (std::uint64_t n = 0; n < 2000; ++n) {
    const auto hashes = stored_hashes_for_append(n, leaf_hash(std::to_string(n)), grown);
    ASSERT_EQ(hashes.size(), 1u + static_cast<unsigned>(std::countr_one(n)));
    ASSERT_EQ(stored_hash_index({0, n}), stored_hash_count(n));
    for (std::size_t k = 0; k < hashes.size(); ++k)
      ASSERT_EQ(stored_hash_index(hashes[k].node), stored_hash_count(n) + k);
    grown.append(std::to_string(n));
  }
}

TEST(TlogTree, RejectsRangesOutsideTheTree) {
  MemoryHashStore store = ct_tree();
  EXPECT_EQ(error_code([&] { inclusion_proof(8, 8, store); }), "tlog_bad_range");
  EXPECT_EQ(error_code([&] { inclusion_proof(0, 0, store); }), "tlog_bad_range");
  EXPECT_EQ(error_code([&] { consistency_proof(5, 4, store); }), "tlog_bad_range");
  EXPECT_EQ(error_code([&] { tree_hash(9, store); }), "tlog_hash_missing");
  EXPECT_EQ(error_code([&] { inclusion_proof(3, 12, store); }), "tlog_hash_missing");
  EXPECT_TRUE(consistency_proof(0, 8, store).empty());
  EXPECT_TRUE(consistency_proof(8, 8, store).empty());
}

}  // namespace
}  // namespace ql::tlog
