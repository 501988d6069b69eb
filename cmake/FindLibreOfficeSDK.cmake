# Finds the LibreOffice SDK (Debian: libreoffice-dev) and the office it belongs to.
# Provides:
#   LibreOfficeSDK::uno             imported target: UNO headers, defines and libraries
#   LibreOfficeSDK_CPPUMAKER        cppumaker (C++ headers from type libraries)
#   LibreOfficeSDK_UNOIDL_WRITE     unoidl-write (type library from .idl)
#   LibreOfficeSDK_TYPES_RDB        the office's UDK and API type libraries (a list)
#   LibreOfficeSDK_SOFFICE          soffice, LibreOfficeSDK_UNOPKG  unopkg
include(FindPackageHandleStandardArgs)

find_path(LibreOfficeSDK_ROOT NAMES bin/cppumaker
  HINTS ENV OO_SDK_HOME
  PATHS /usr/lib/libreoffice/sdk /opt/libreoffice/sdk)
find_path(LibreOfficeSDK_PROGRAM_DIR NAMES types.rdb
  HINTS ENV OFFICE_PROGRAM_PATH "${LibreOfficeSDK_ROOT}/../program"
  PATHS /usr/lib/libreoffice/program)
find_path(LibreOfficeSDK_INCLUDE_DIR NAMES cppuhelper/implbase1.hxx
  HINTS "${LibreOfficeSDK_ROOT}/include"
  PATHS /usr/include/libreoffice)
find_program(LibreOfficeSDK_CPPUMAKER cppumaker HINTS "${LibreOfficeSDK_ROOT}/bin" NO_DEFAULT_PATH)
find_program(LibreOfficeSDK_UNOIDL_WRITE unoidl-write HINTS "${LibreOfficeSDK_ROOT}/bin" NO_DEFAULT_PATH)
find_program(LibreOfficeSDK_SOFFICE soffice HINTS "${LibreOfficeSDK_PROGRAM_DIR}")
find_program(LibreOfficeSDK_UNOPKG unopkg HINTS "${LibreOfficeSDK_PROGRAM_DIR}")
find_file(LibreOfficeSDK_OFFAPI_RDB offapi.rdb HINTS "${LibreOfficeSDK_PROGRAM_DIR}/types" NO_DEFAULT_PATH)

foreach(_lib IN ITEMS uno_cppu uno_cppuhelpergcc3 uno_sal uno_salhelpergcc3)
  find_library(LibreOfficeSDK_${_lib}_LIBRARY NAMES ${_lib}
    HINTS "${LibreOfficeSDK_ROOT}/lib" "${LibreOfficeSDK_PROGRAM_DIR}")
  list(APPEND _libreoffice_libraries LibreOfficeSDK_${_lib}_LIBRARY)
endforeach()

find_package_handle_standard_args(LibreOfficeSDK
  REQUIRED_VARS LibreOfficeSDK_ROOT LibreOfficeSDK_PROGRAM_DIR LibreOfficeSDK_INCLUDE_DIR
    LibreOfficeSDK_CPPUMAKER LibreOfficeSDK_UNOIDL_WRITE LibreOfficeSDK_OFFAPI_RDB
    LibreOfficeSDK_SOFFICE LibreOfficeSDK_UNOPKG ${_libreoffice_libraries})

if(LibreOfficeSDK_FOUND AND NOT TARGET LibreOfficeSDK::uno)
  set(LibreOfficeSDK_TYPES_RDB "${LibreOfficeSDK_PROGRAM_DIR}/types.rdb" "${LibreOfficeSDK_OFFAPI_RDB}")
  add_library(LibreOfficeSDK::uno INTERFACE IMPORTED)
  target_include_directories(LibreOfficeSDK::uno SYSTEM INTERFACE "${LibreOfficeSDK_INCLUDE_DIR}")
  target_compile_definitions(LibreOfficeSDK::uno INTERFACE LINUX UNX CPPU_ENV=gcc3 HAVE_GCC_VISIBILITY_FEATURE)
  foreach(_lib IN LISTS _libreoffice_libraries)
    target_link_libraries(LibreOfficeSDK::uno INTERFACE "${${_lib}}")
  endforeach()
endif()
