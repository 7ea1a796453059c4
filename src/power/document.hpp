#pragma once
// Documents of a power case (办件材料): the files (PDF or images, checked as publication
// attachments are: type sniffed from the bytes, size limit, cleaned name) uploaded to one step
// of a case, each optionally naming which of the step's required documents it is (the flow
// version's `attachments` of that step). Stored by content in attachment_blob.
//
// Rules:
//   * only an open step takes documents: the current step of an open case, and the submit step
//     until the step after it is decided (the case exists only once submitted, so its
//     application documents necessarily follow the submission); 409 step_closed otherwise;
//   * the uploader is one of the step's actors (its roles, power:case:act) or the requester;
//   * a document is deleted only by its uploader and only while the step is still open: once
//     the step is done the record is frozen;
//   * completing a step with required documents missing is allowed (offices do it) but the
//     action's history entry names them (case.cpp), and the 内审工作核查表 lists the step.
// Every upload and delete is a power_case_event row and an operation-log entry, in one
// transaction with the change.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "core/stored_file.hpp"
#include "store/database.hpp"

namespace ql::power {

inline constexpr std::int64_t kMaxDocumentsPerStep = 30;
inline constexpr std::size_t kMaxDocumentNameChars = 100;

struct DocumentUpload {
  std::string step;                          // the step key on the case's route
  std::string document;                      // one of the step's required documents, or empty
  std::string filename;                      // as the client named it
  std::optional<std::string> declared_type;  // the request's Content-Type, if any
  std::string content;
};

// Stores a document on a step. 400 naming step / document / file / filename, 403 when the
// actor is neither an actor of the step nor the requester (or outside the data scope), 409
// step_closed, document_exists (same content on the step), too_many_documents, 413/415 as
// for attachments. Returns the document as list_documents lists it.
nlohmann::json add_document(store::Connection& c, const auth::Principal& actor, std::int64_t case_id,
                            const DocumentUpload& upload);

// The case's documents (power:case:read, scope), by step then upload order, optionally of one
// step key: {"items":[{"id","case_id","seq","step","document","filename","content_type","size",
// "sha256","uploaded_by","uploaded_by_name","created_at"}]}.
nlohmann::json list_documents(store::Connection& c, const auth::Principal& actor, std::int64_t case_id,
                              const std::optional<std::string>& step);

// The bytes of one document (power:case:read, scope); 404 when the case has no such document.
StoredFile read_document(store::Connection& c, const auth::Principal& actor, std::int64_t case_id,
                         std::int64_t document_id);

// Deletes a document: only its uploader (403 not_uploader), only while its step is open (409
// step_closed). Its blob goes when nothing else cites it.
void delete_document(store::Connection& c, const auth::Principal& actor, std::int64_t case_id,
                     std::int64_t document_id);

// For the case page (case.cpp's detail): adds to every step of `kase["route"]` its
// "documents", "missing_documents" (required names with no document yet),
// "documents_open" (the step takes documents now) and "can_upload" (the actor may upload). No access check: the caller has checked.
void add_step_documents(store::Connection& c, const auth::Principal& actor, nlohmann::json& kase);

// The required documents of step `seq` that no document of the case names, in the flow's
// order; `required` is the step's attachments list.
std::vector<std::string> missing_documents(store::Connection& c, std::int64_t case_id, std::int64_t seq,
                                           const std::vector<std::string>& required);

}  // namespace ql::power
