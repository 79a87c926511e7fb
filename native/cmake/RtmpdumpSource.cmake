# Where librtmp's source comes from, in this order:
#  (a) RTMPDUMP_SOURCE_DIR, any rtmpdump tree with librtmp/ inside;
#  (b) a checksum-verified copy cached in RTMPDUMP_CACHE_DIR;
#  (c) Debian's source package, fetched by native/fetch-rtmpdump.sh with a private apt state;
#  (d) otherwise a fatal error that says what to fetch and which flag to pass.

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
      COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/native/fetch-rtmpdump.sh" "${RTMPDUMP_CACHE_DIR}"
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
