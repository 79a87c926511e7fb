# Writes a Windows module-definition (.def) file exporting the global symbols that the given
# objects define with librtmp's public prefixes (RTMP*, AMF*) or the shim's (nrtmp_*):
#
#   cmake -DNM=nm -DOUTPUT=out.def -DLIBRARY=name.dll -P WriteExportsDef.cmake -- OBJECT...
#
# Functions are exported as code, variables (RTMP_debuglevel, ...) as DATA.
set(objects "")
set(seen_separator FALSE)
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(i RANGE ${last})
  if(seen_separator)
    list(APPEND objects "${CMAKE_ARGV${i}}")
  elseif(CMAKE_ARGV${i} STREQUAL "--")
    set(seen_separator TRUE)
  endif()
endforeach()
if(NOT NM OR NOT OUTPUT OR NOT LIBRARY OR NOT objects)
  message(FATAL_ERROR "usage: cmake -DNM=nm -DOUTPUT=out.def -DLIBRARY=name.dll -P WriteExportsDef.cmake -- OBJECT...")
endif()

execute_process(COMMAND "${NM}" -g --defined-only ${objects}
    OUTPUT_VARIABLE symbols RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} failed: ${err}")
endif()

string(REPLACE "\n" ";" lines "${symbols}")
set(exports "")
foreach(line IN LISTS lines)
  if(line MATCHES "^[0-9a-fA-F]+ ([A-Z]) _?((RTMP|AMF|nrtmp_)[A-Za-z0-9_]*)$")
    set(name "${CMAKE_MATCH_2}")
    if(CMAKE_MATCH_1 STREQUAL "T")
      list(APPEND exports "    ${name}")
    else()
      list(APPEND exports "    ${name} DATA")
    endif()
  endif()
endforeach()
list(REMOVE_DUPLICATES exports)
list(SORT exports)
list(LENGTH exports count)
if(count EQUAL 0)
  message(FATAL_ERROR "no RTMP*/AMF*/nrtmp_* symbols found in ${objects}")
endif()
string(REPLACE ";" "\n" body "${exports}")
file(WRITE "${OUTPUT}.tmp" "; Generated from the objects' symbols: do not edit.\nLIBRARY ${LIBRARY}\nEXPORTS\n${body}\n")
execute_process(COMMAND "${CMAKE_COMMAND}" -E copy_if_different "${OUTPUT}.tmp" "${OUTPUT}")
file(REMOVE "${OUTPUT}.tmp")
