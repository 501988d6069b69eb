#pragma once
// A store backup's entries: each version and proposal as its record (sharing/records.hpp) with the
// document's text exactly as stored, and every entry checked as a publish checks what it writes
// (names, times, no control character, versions in range, valid templates whose key names are
// unambiguous) — a backup edited by hand restores nothing it could not have published.
#include <nlohmann/json.hpp>

#include "store/template_store.hpp"

namespace alignkit::service {

/// What a version or proposal says of itself, checked as a publish checks it; throws
/// std::invalid_argument (`store copy` checks its source so too).
void check_version(const StoredTemplate& kept);
void check_proposal(const StoredProposal& p);

nlohmann::json version_json(const StoredTemplate& kept);
nlohmann::json proposal_json(const StoredProposal& p);
/// An entry read back and checked; throws std::invalid_argument (or the JSON library's exception)
/// naming what is wrong.
StoredTemplate version_from(const nlohmann::json& item);
StoredProposal proposal_from(const nlohmann::json& item);
/// What each version and proposal changes, worked out again from the documents, never taken from
/// the backup (a backup edited by hand could otherwise restore a proposal that anyone may approve).
/// A proposal needs its base version in the backup. Throws std::invalid_argument.
void recompute_groups(TemplateStore::Snapshot& snapshot);

}  // namespace alignkit::service
