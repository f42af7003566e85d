# The official Socket.IO browser client comes from the socket.io-client npm package pinned in
# package.json; scripts/setup.sh installs it. It is embedded into core's resources so the
# running app never needs the network.
set(CHATHOST_CLIENT_DIST "${PROJECT_SOURCE_DIR}/node_modules/socket.io-client/dist"
    CACHE PATH "Folder holding socket.io.js from the socket.io-client npm package")
set(CHATHOST_CLIENT_FILES socket.io.js socket.io.js.map socket.io.min.js socket.io.min.js.map)
foreach(f IN LISTS CHATHOST_CLIENT_FILES)
    if(NOT EXISTS "${CHATHOST_CLIENT_DIST}/${f}")
        message(FATAL_ERROR
            "${CHATHOST_CLIENT_DIST}/${f} is missing. Run scripts/setup.sh (it runs 'npm ci') "
            "or set CHATHOST_CLIENT_DIST to the socket.io-client dist folder.")
    endif()
endforeach()
