# Cross toolchain: Linux on x86-64 (JNA prefix linux-x86-64), for building it on another
# machine; on an x86-64 Linux host native/build.sh uses the host compiler instead.
# Debian: apt-get install gcc-x86-64-linux-gnu
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER x86_64-linux-gnu-gcc)
find_program(CMAKE_AR x86_64-linux-gnu-ar)
find_program(CMAKE_NM x86_64-linux-gnu-nm)
find_program(CMAKE_STRIP x86_64-linux-gnu-strip)
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
