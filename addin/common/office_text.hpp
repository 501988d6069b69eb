#pragma once
// The office's strings and file URLs as the rest of alignkit sees them: UTF-8 and paths. One
// helper for the add-in functions and the sidebar alike.
#include <filesystem>
#include <string>
#include <string_view>

#include <rtl/ustring.hxx>

namespace alignkit {

::rtl::OUString to_office(std::string_view utf8);
std::string from_office(const ::rtl::OUString& text);

/// The file or folder a file:// URL names; empty when it is not a file URL.
std::filesystem::path path_of_url(const ::rtl::OUString& url);
/// The folder of a document's file:// URL; empty for a document never saved (or not a file).
std::filesystem::path folder_of_url(const ::rtl::OUString& url);

}  // namespace alignkit
