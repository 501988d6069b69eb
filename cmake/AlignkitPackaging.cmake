# Install rules and the Debian package: the alignkit command and service (with a systemd unit and
# its settings file), the Calc extension and the sample workbooks.
#   cmake --build --preset release --target package   ->  build/release/alignkit_<version>_<arch>.deb
include(GNUInstallDirs)

if(ALIGNKIT_BUILD_SERVER)
  install(TARGETS alignkit RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(FILES server/deploy/alignkit.service DESTINATION lib/systemd/system)
  install(FILES server/deploy/alignkit.conf DESTINATION /etc/alignkit)
endif()
if(ALIGNKIT_BUILD_ADDIN)
  install(FILES "${ALIGNKIT_OXT}" DESTINATION ${CMAKE_INSTALL_DATADIR}/alignkit)
endif()
install(DIRECTORY samples/ DESTINATION ${CMAKE_INSTALL_DATADIR}/alignkit/samples)
install(FILES README.md docs/functions.md LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME alignkit)
set(CPACK_PACKAGE_VENDOR alignkit)
set(CPACK_PACKAGE_CONTACT "alignkit maintainers <maintainers@alignkit.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "HR and Sales planning functions for LibreOffice Calc, and the template service")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Poco, OpenSSL, libpq, sqlite from the system
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libreoffice-calc, postgresql")
# postinst makes the service's user and users file; conffiles keeps an admin's settings on upgrade.
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/deb/conffiles" "/etc/alignkit/alignkit.conf\n")
configure_file(server/deploy/postinst "${CMAKE_CURRENT_BINARY_DIR}/deb/postinst" COPYONLY)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA "${CMAKE_CURRENT_BINARY_DIR}/deb/postinst;${CMAKE_CURRENT_BINARY_DIR}/deb/conffiles")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
