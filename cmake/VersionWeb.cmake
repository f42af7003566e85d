# Build step (cmake -P): names the built-in page's assets by their content. Computes one hash
# over every file under WEB_DIR except index.html, plus CLIENT_FILE (the minified Socket.IO
# client), writes it to OUT_DIR/version, and writes OUT_DIR/index.html with each root-relative
# reference to an asset ("/chat.css", "/js/main.js", "/socket.io/socket.io.min.js") moved under
# "/v/<hash>/", so those URLs can be cached for good and the page revalidates cheaply.
foreach(var WEB_DIR CLIENT_FILE OUT_DIR)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "VersionWeb.cmake: ${var} is not set")
    endif()
endforeach()

file(GLOB_RECURSE files RELATIVE "${WEB_DIR}" LIST_DIRECTORIES false "${WEB_DIR}/*")
list(SORT files)
list(REMOVE_ITEM files "index.html")
set(manifest "")
foreach(f IN LISTS files)
    file(SHA256 "${WEB_DIR}/${f}" sum)
    string(APPEND manifest "${f} ${sum}\n")
endforeach()
file(SHA256 "${CLIENT_FILE}" sum)
string(APPEND manifest "socket.io.min.js ${sum}\n")
string(SHA256 version "${manifest}")
string(SUBSTRING "${version}" 0 12 version)

file(READ "${WEB_DIR}/index.html" page)
foreach(f IN LISTS files)
    string(REPLACE "\"/${f}\"" "\"/v/${version}/${f}\"" page "${page}")
endforeach()
string(REPLACE "\"/socket.io/socket.io.min.js\"" "\"/v/${version}/socket.io.min.js\"" page "${page}")

file(MAKE_DIRECTORY "${OUT_DIR}")
file(WRITE "${OUT_DIR}/version.tmp" "${version}")
file(WRITE "${OUT_DIR}/index.html.tmp" "${page}")
# Only touch the outputs when they change, so nothing downstream rebuilds needlessly.
file(COPY_FILE "${OUT_DIR}/version.tmp" "${OUT_DIR}/version" ONLY_IF_DIFFERENT)
file(COPY_FILE "${OUT_DIR}/index.html.tmp" "${OUT_DIR}/index.html" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT_DIR}/version.tmp" "${OUT_DIR}/index.html.tmp")
