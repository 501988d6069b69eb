#include "office_text.hpp"

#include <osl/file.hxx>

namespace alignkit {

::rtl::OUString to_office(std::string_view utf8) {
  return ::rtl::OUString(utf8.data(), static_cast<sal_Int32>(utf8.size()), RTL_TEXTENCODING_UTF8);
}

std::string from_office(const ::rtl::OUString& text) {
  const ::rtl::OString utf8 = ::rtl::OUStringToOString(text, RTL_TEXTENCODING_UTF8);
  return {utf8.getStr(), static_cast<std::size_t>(utf8.getLength())};
}

std::filesystem::path path_of_url(const ::rtl::OUString& url) {
  ::rtl::OUString path;
  if (url.isEmpty() || osl::FileBase::getSystemPathFromFileURL(url, path) != osl::FileBase::E_None) return {};
  return from_office(path);
}

std::filesystem::path folder_of_url(const ::rtl::OUString& url) { return path_of_url(url).parent_path(); }

}  // namespace alignkit
