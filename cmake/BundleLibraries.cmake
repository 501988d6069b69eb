# Copies beside an extension's component the shared libraries it needs that a machine with only
# LibreOffice lacks, so the .oxt loads on any Calc. The component finds them through its own
# location: it is linked with DT_RPATH $ORIGIN/lib, and unlike RUNPATH, an RPATH is also searched
# for its libraries' own dependencies, so Debian's libraries are shipped unmodified.
#   cmake -DCOMPONENT=alignkit.so -DSTAGE=dir -DBUNDLE=regex -P BundleLibraries.cmake
# writes STAGE/alignkit.so, its search path only $ORIGIN/lib (no path of the build machine), and
# STAGE/lib/.
# BUNDLE, a regular expression, names the libraries to ship (matched against the names the component and its libraries
# ask for); every other library is left to the system and the office.
get_filename_component(component_name "${COMPONENT}" NAME)
set(DESTINATION "${STAGE}/lib")
file(REMOVE_RECURSE "${DESTINATION}")
file(MAKE_DIRECTORY "${DESTINATION}")
file(COPY_FILE "${COMPONENT}" "${STAGE}/${component_name}")
file(RPATH_SET FILE "${STAGE}/${component_name}" NEW_RPATH "$ORIGIN/lib")
file(GET_RUNTIME_DEPENDENCIES
  LIBRARIES "${COMPONENT}"
  RESOLVED_DEPENDENCIES_VAR resolved
  UNRESOLVED_DEPENDENCIES_VAR unresolved
  PRE_INCLUDE_REGEXES ${BUNDLE}
  PRE_EXCLUDE_REGEXES ".*")
if(unresolved)
  message(FATAL_ERROR "the extension needs libraries this machine does not have: ${unresolved}")
endif()
if(NOT resolved)
  message(FATAL_ERROR "no library to bundle matched ${BUNDLE}; is the component linked as expected?")
endif()
foreach(library IN LISTS resolved)
  get_filename_component(name "${library}" NAME)
  file(COPY_FILE "${library}" "${DESTINATION}/${name}")
endforeach()
list(LENGTH resolved count)
message(STATUS "bundled ${count} libraries into the extension")
