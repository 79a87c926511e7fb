# Where librtmp's source comes from, in this order:
#  (a) RTMPDUMP_SOURCE_DIR, any rtmpdump tree with librtmp/ inside;
#  (b) a checksum-verified copy cached in RTMPDUMP_CACHE_DIR;
#  (c) Debian's source package, fetched by native/fetch-rtmpdump.sh with a private apt state;
#  (d) otherwise a fatal error that says what to fetch and which flag to pass.

set(RTMPDUMP_FETCH_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/../fetch-rtmpdump.sh")
# The pinned snapshot and its checksum, written in one place: native/rtmpdump.properties.
set(RTMPDUMP_PIN_FILE "${CMAKE_CURRENT_LIST_DIR}/../rtmpdump.properties")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${RTMPDUMP_PIN_FILE}")
foreach(_pin_key version orig.sha256 debian.revision)
  file(STRINGS "${RTMPDUMP_PIN_FILE}" _pin_line REGEX "^rtmpdump\\.${_pin_key}=" LIMIT_COUNT 1)
  string(REGEX REPLACE "^[^=]*=" "" _pin_value "${_pin_line}")
  if(_pin_value STREQUAL "")
    message(FATAL_ERROR "${RTMPDUMP_PIN_FILE} has no rtmpdump.${_pin_key}= line")
  endif()
  string(TOUPPER "RTMPDUMP_${_pin_key}" _pin_var)
  string(REPLACE "." "_" _pin_var "${_pin_var}")
  set(${_pin_var} "${_pin_value}")
endforeach()
set(RTMPDUMP_ORIG_TARBALL "rtmpdump_${RTMPDUMP_VERSION}.orig.tar.gz")

function(_rtmpdump_cache_valid out)
  set(tarball "${RTMPDUMP_CACHE_DIR}/${RTMPDUMP_ORIG_TARBALL}")
  set(valid FALSE)
  if(EXISTS "${tarball}" AND EXISTS "${RTMPDUMP_CACHE_DIR}/rtmpdump/librtmp/rtmp.c")
    file(SHA256 "${tarball}" actual)
    if(actual STREQUAL RTMPDUMP_ORIG_SHA256)
      set(valid TRUE)
    else()
      message(WARNING "cached ${tarball} has SHA-256 ${actual}, expected ${RTMPDUMP_ORIG_SHA256}: fetching again")
    endif()
  endif()
  set(${out} ${valid} PARENT_SCOPE)
endfunction()

function(resolve_rtmpdump_source out_librtmp_dir)
  if(RTMPDUMP_SOURCE_DIR)
    if(NOT EXISTS "${RTMPDUMP_SOURCE_DIR}/librtmp/rtmp.c")
      message(FATAL_ERROR "RTMPDUMP_SOURCE_DIR=${RTMPDUMP_SOURCE_DIR} has no librtmp/rtmp.c")
    endif()
    set(${out_librtmp_dir} "${RTMPDUMP_SOURCE_DIR}/librtmp" PARENT_SCOPE)
    return()
  endif()
  _rtmpdump_cache_valid(valid)
  if(NOT valid)
    find_program(APT_GET apt-get)
    find_program(DPKG_SOURCE dpkg-source)
    if(NOT APT_GET OR NOT DPKG_SOURCE)
      message(FATAL_ERROR
        "librtmp source not found. Fetch rtmpdump ${RTMPDUMP_VERSION} "
        "(Debian's source package rtmpdump=${RTMPDUMP_VERSION}-${RTMPDUMP_DEBIAN_REVISION}, or any rtmpdump tree "
        "with librtmp/ inside) and pass -Drtmpdump.source=DIR to Maven or "
        "-DRTMPDUMP_SOURCE_DIR=DIR to CMake. The automatic fetch needs apt-get and dpkg-source.")
    endif()
    execute_process(
      COMMAND bash "${RTMPDUMP_FETCH_SCRIPT}" "${RTMPDUMP_CACHE_DIR}"
      RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR
        "fetching Debian's rtmpdump source failed (see above). Fetch rtmpdump "
        "${RTMPDUMP_VERSION} yourself and pass -Drtmpdump.source=DIR to Maven or "
        "-DRTMPDUMP_SOURCE_DIR=DIR to CMake.")
    endif()
    _rtmpdump_cache_valid(valid)
    if(NOT valid)
      message(FATAL_ERROR "fetched rtmpdump source failed verification in ${RTMPDUMP_CACHE_DIR}")
    endif()
  endif()
  set(${out_librtmp_dir} "${RTMPDUMP_CACHE_DIR}/rtmpdump/librtmp" PARENT_SCOPE)
endfunction()

# native-rtmp's own fixes to librtmp (native/patches/NNNN-name.patch, in name order), applied on
# top of Debian's to a COPY in the build folder: the source given or fetched is never changed.
# -DNATIVERTMP_PATCHES=OFF builds librtmp exactly as given (the differential tests use it).
option(NATIVERTMP_PATCHES "Apply native/patches/*.patch to a copy of librtmp's source" ON)
set(NATIVERTMP_PATCH_DIR "${CMAKE_CURRENT_LIST_DIR}/../patches")

function(patch_librtmp_source librtmp_dir_var)
  set(source "${${librtmp_dir_var}}")
  file(GLOB patches "${NATIVERTMP_PATCH_DIR}/[0-9][0-9][0-9][0-9]-*.patch")
  list(SORT patches)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${patches})
  if(NOT NATIVERTMP_PATCHES OR NOT patches)
    message(STATUS "librtmp patches: none applied")
    return()
  endif()
  # The copy is made again only when the source or a patch changed.
  file(GLOB source_files "${source}/*.c" "${source}/*.h")
  set(fingerprint "${source}")
  foreach(f IN LISTS source_files patches)
    file(SHA256 "${f}" h)
    string(APPEND fingerprint "\n${f} ${h}")
  endforeach()
  string(SHA256 fingerprint "${fingerprint}")
  set(copy_root "${CMAKE_BINARY_DIR}/librtmp-patched")
  set(stamp "${copy_root}/fingerprint")
  if(EXISTS "${stamp}")
    file(READ "${stamp}" previous)
  endif()
  if(NOT previous STREQUAL fingerprint)
    find_program(PATCH_PROGRAM patch)
    if(NOT PATCH_PROGRAM)
      message(FATAL_ERROR "applying native/patches needs 'patch' (Debian: patch); "
                          "or build without them: -DNATIVERTMP_PATCHES=OFF")
    endif()
    file(REMOVE_RECURSE "${copy_root}")
    file(MAKE_DIRECTORY "${copy_root}")
    file(COPY "${source}/" DESTINATION "${copy_root}/librtmp")
    foreach(p IN LISTS patches)
      execute_process(
          COMMAND "${PATCH_PROGRAM}" -p1 --forward --batch --no-backup-if-mismatch -i "${p}"
          WORKING_DIRECTORY "${copy_root}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
      if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${p} does not apply to ${source}:\n${out}\n"
                            "Build without native-rtmp's patches: -DNATIVERTMP_PATCHES=OFF")
      endif()
    endforeach()
    # Newer than any object built from another source, so that everything is compiled again.
    file(GLOB copied "${copy_root}/librtmp/*")
    file(TOUCH ${copied})
    file(WRITE "${stamp}" "${fingerprint}")
  endif()
  set(names "")
  foreach(p IN LISTS patches)
    get_filename_component(n "${p}" NAME)
    string(APPEND names " ${n}")
  endforeach()
  message(STATUS "librtmp patches:${names}")
  set(${librtmp_dir_var} "${copy_root}/librtmp" PARENT_SCOPE)
endfunction()
