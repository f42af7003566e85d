# Builds one layer probe (see CMakeLists.txt here) and checks the compiler's verdict.
# cmake -DBUILD_DIR=... -DTARGET=... -DHEADER=... -DEXPECT=refused|hidden|compiles -P check_probe.cmake
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BUILD_DIR}" --target "${TARGET}"
    RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(EXPECT STREQUAL "compiles")
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "${TARGET} must compile (${HEADER} is in its layer's reach):\n${out}")
    endif()
    message(STATUS "#include \"${HEADER}\" compiles there, as it should")
    return()
endif()
if(result EQUAL 0)
    message(FATAL_ERROR "#include \"${HEADER}\" compiled in ${TARGET}: the layers no longer hold "
        "(is some directory above core/<layer> on an include path, or a link PUBLIC that should "
        "not be?)")
endif()
# GCC: "fatal error: chat/x.h: No such file or directory"; clang: "fatal error: 'chat/x.h' file
# not found". Any other failure is a broken probe, not a proof.
string(REPLACE "." "\\." header_re "${HEADER}")
if(NOT out MATCHES "'?${header_re}'?:? (No such file or directory|file not found)")
    message(FATAL_ERROR "${TARGET} failed, but not because ${HEADER} is out of reach:\n${out}")
endif()
message(STATUS "#include \"${HEADER}\" is refused, as it should be")
