# Writes the extension's update feed for one version (the build's, or another in a test):
#   cmake -DVERSION=0.1.0 -DDOWNLOAD=https://…/alignkit.oxt -DOUTPUT=alignkit.update.xml -P WriteUpdateFeed.cmake
configure_file("${CMAKE_CURRENT_LIST_DIR}/../addin/package/update.xml.in" "${OUTPUT}" @ONLY)
