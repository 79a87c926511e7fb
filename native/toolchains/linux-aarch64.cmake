# Cross toolchain: Linux on 64-bit ARM (JNA prefix linux-aarch64).
# Debian: apt-get install gcc-aarch64-linux-gnu
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
find_program(CMAKE_AR aarch64-linux-gnu-ar)
find_program(CMAKE_NM aarch64-linux-gnu-nm)
find_program(CMAKE_STRIP aarch64-linux-gnu-strip)
# Look for libraries and headers of the target only, programs of the build machine only.
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
