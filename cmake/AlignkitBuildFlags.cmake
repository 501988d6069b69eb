# Warnings and sanitizers as an interface target, so flags stay scoped to our own targets.
add_library(alignkit_build_flags INTERFACE)
add_library(alignkit::build_flags ALIAS alignkit_build_flags)
target_compile_features(alignkit_build_flags INTERFACE cxx_std_20)
target_compile_options(alignkit_build_flags INTERFACE -Wall -Wextra -Wpedantic)
# GCC 12 warns of overlapping memcpy inside libstdc++'s own `"text" + std::string` when optimising
# (GCC bug 105329, fixed in 13): a false alarm in the standard library, not in our code.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(alignkit_build_flags INTERFACE -Wno-restrict)
endif()
if(ALIGNKIT_SANITIZE)
  target_compile_options(alignkit_build_flags INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(alignkit_build_flags INTERFACE -fsanitize=address,undefined)
endif()
if(ALIGNKIT_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "ALIGNKIT_FUZZ needs clang (the fuzz preset sets it)")
  endif()
  # Coverage for libFuzzer everywhere; only the fuzz targets link libFuzzer's main.
  target_compile_options(alignkit_build_flags INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all -g
    "-fsanitize-ignorelist=${PROJECT_SOURCE_DIR}/cmake/sanitizer-ignorelist.txt")
  target_link_options(alignkit_build_flags INTERFACE -fsanitize=address,undefined)
endif()

# A static library that the add-in (a shared module the office loads) links in: position
# independent, and hidden, so the module exports its component entry points, not our symbols.
function(alignkit_part_of_addin target)
  set_target_properties(${target} PROPERTIES
    POSITION_INDEPENDENT_CODE ON
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
endfunction()
