# Install rules and the Debian packages, one per audience:
#   alignkit                 the command and the template service (systemd unit, settings file)
#   libreoffice-alignkit     the Calc extension for every user of the machine, unpacked where
#                            Debian's own LibreOffice extension packages put theirs
#   postgresql-15-alignkit   the PostgreSQL extension (CREATE EXTENSION alignkit)
#   cmake --build --preset release --target package  ->  build/release/<package>_<version>_<arch>.deb
include(GNUInstallDirs)

if(ALIGNKIT_BUILD_SERVER)
  install(TARGETS alignkit RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT service)
  install(FILES server/deploy/alignkit.service server/deploy/alignkit-backup.service server/deploy/alignkit-backup.timer
                server/deploy/alignkit-mirror.service server/deploy/alignkit-mirror.timer
    DESTINATION lib/systemd/system COMPONENT service)
  install(FILES "${ALIGNKIT_MAN_PAGE}" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT service)
  install(FILES server/deploy/nginx-limits.sed DESTINATION ${CMAKE_INSTALL_DATADIR}/alignkit COMPONENT service)
  install(DIRECTORY "${ALIGNKIT_PAGE_DIR}/" DESTINATION ${CMAKE_INSTALL_DATADIR}/alignkit/page COMPONENT service)
  install(FILES server/deploy/alignkit.conf DESTINATION /etc/alignkit COMPONENT service)
  install(FILES server/deploy/nginx-alignkit.conf DESTINATION /etc/nginx/sites-available RENAME alignkit COMPONENT service)
  install(DIRECTORY samples/ DESTINATION ${CMAKE_INSTALL_DATADIR}/alignkit/samples COMPONENT service)
  install(FILES README.md docs/functions.md DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/alignkit COMPONENT service)
endif()
if(ALIGNKIT_BUILD_ADDIN)
  # The extension as the .oxt holds it, minus the Poco copies: the package depends on Debian's.
  set(_extension_dir lib/libreoffice/share/extensions/alignkit)
  install(DIRECTORY "${ALIGNKIT_OXT_STAGE}/" DESTINATION ${_extension_dir} COMPONENT office
    PATTERN "lib" EXCLUDE PATTERN "manifest.xml" EXCLUDE)
  # The administrator's settings for every user (the team's trusted services) are a conffile in
  # /etc, read by the office as one more configuration file of the extension.
  install(FILES addin/package/office-team.xcu DESTINATION /etc/alignkit COMPONENT office)
  file(READ addin/package/manifest.xml _manifest)
  string(REPLACE "</manifest:manifest>" "  <manifest:file-entry manifest:media-type=\"application/vnd.sun.star.configuration-data\"
                       manifest:full-path=\"TeamSettings.xcu\"/>
</manifest:manifest>" _manifest "${_manifest}")
  file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/deb/office/META-INF/manifest.xml" "${_manifest}")
  install(FILES "${CMAKE_CURRENT_BINARY_DIR}/deb/office/META-INF/manifest.xml" DESTINATION ${_extension_dir}/META-INF COMPONENT office)
  install(CODE "file(CREATE_LINK /etc/alignkit/office-team.xcu
    \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${_extension_dir}/TeamSettings.xcu\" SYMBOLIC)" COMPONENT office)
  # No search path (the libraries are Debian's), and stripped as dh_strip would.
  install(CODE "
    set(_component \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${_extension_dir}/alignkit.so\")
    file(RPATH_REMOVE FILE \"\${_component}\")
    execute_process(COMMAND \"${CMAKE_STRIP}\" --strip-unneeded --remove-section=.comment --remove-section=.note \"\${_component}\"
                    COMMAND_ERROR_IS_FATAL ANY)" COMPONENT office)
endif()

# Every package carries the Debian copyright file and a changelog, as policy asks (lintian).
set(CPACK_PACKAGE_CONTACT "alignkit maintainers <maintainers@alignkit.invalid>")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://alignkit.invalid")
file(STRINGS LICENSE _license_lines)
list(TRANSFORM _license_lines REPLACE "^$" ".")
list(TRANSFORM _license_lines PREPEND " ")
list(JOIN _license_lines "\n" ALIGNKIT_LICENSE_NOTICE)
string(TIMESTAMP ALIGNKIT_PACKAGE_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)  # honours SOURCE_DATE_EPOCH
foreach(_component_package IN ITEMS "service;alignkit" "office;libreoffice-alignkit" "postgresql;postgresql-15-alignkit")
  list(GET _component_package 0 _component)
  list(GET _component_package 1 ALIGNKIT_PACKAGE)
  set(_doc "${CMAKE_CURRENT_BINARY_DIR}/deb/${_component}/doc")
  configure_file(cmake/debian/copyright.in "${_doc}/copyright" @ONLY)
  configure_file(cmake/debian/changelog.in "${_doc}/changelog" @ONLY)
  execute_process(COMMAND gzip -n -9 -f "${_doc}/changelog" COMMAND_ERROR_IS_FATAL ANY)
  install(FILES "${_doc}/copyright" "${_doc}/changelog.gz"
    DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${ALIGNKIT_PACKAGE} COMPONENT ${_component})
endforeach()
# The analyst's manual, beside the extension: how SQL calls look, templates over time, every function.
install(FILES docs/postgresql.md docs/sql-reference.md
  DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/postgresql-15-alignkit COMPONENT postgresql)
# The plan-vs-actual sample: a year of actuals, the view, the templates' history to restore.
install(DIRECTORY samples/actuals/ DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/postgresql-15-alignkit/examples
  COMPONENT postgresql)

set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL service)
if(ALIGNKIT_BUILD_ADDIN)
  list(APPEND CPACK_COMPONENTS_ALL office)
endif()
if(ALIGNKIT_BUILD_POSTGRES)
  list(APPEND CPACK_COMPONENTS_ALL postgresql)
endif()
set(CPACK_PACKAGE_NAME alignkit)
set(CPACK_PACKAGE_VENDOR alignkit)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES TRUE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Poco, OpenSSL, libpq, sqlite, the office's UNO from the system
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_SERVICE_PACKAGE_NAME alignkit)
set(CPACK_DEBIAN_SERVICE_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_SERVICE_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_SERVICE_PACKAGE_SUGGESTS "nginx, libreoffice-alignkit, postgresql-15-alignkit")
set(CPACK_COMPONENT_SERVICE_DESCRIPTION "HR, Sales and Marketing planning: the alignkit command and template service
 The alignkit command computes the planning functions (funnel budgets, ramp and
 capacity, turnover cost, goal allocation, hiring plans) and serves the team's
 shared planning templates over HTTP(S): owned groups, versions, tokens.")
# postinst makes the service's user and users file; conffiles keeps an admin's settings on upgrade.
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/deb/service/conffiles" "/etc/alignkit/alignkit.conf\n/etc/nginx/sites-available/alignkit\n")
configure_file(server/deploy/postinst "${CMAKE_CURRENT_BINARY_DIR}/deb/service/postinst" COPYONLY)
configure_file(server/deploy/postrm "${CMAKE_CURRENT_BINARY_DIR}/deb/service/postrm" COPYONLY)
set(CPACK_DEBIAN_SERVICE_PACKAGE_CONTROL_EXTRA
  "${CMAKE_CURRENT_BINARY_DIR}/deb/service/postinst;${CMAKE_CURRENT_BINARY_DIR}/deb/service/postrm;${CMAKE_CURRENT_BINARY_DIR}/deb/service/conffiles")

set(CPACK_DEBIAN_OFFICE_PACKAGE_NAME libreoffice-alignkit)
set(CPACK_DEBIAN_OFFICE_PACKAGE_SECTION editors)
set(CPACK_DEBIAN_OFFICE_PACKAGE_DEPENDS "libreoffice-calc (>= 1:${ALIGNKIT_MIN_OFFICE_VERSION})")
set(CPACK_DEBIAN_OFFICE_PACKAGE_ENHANCES "libreoffice-calc")
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/deb/office/conffiles" "/etc/alignkit/office-team.xcu\n")
set(CPACK_DEBIAN_OFFICE_PACKAGE_CONTROL_EXTRA "${CMAKE_CURRENT_BINARY_DIR}/deb/office/conffiles")
set(CPACK_COMPONENT_OFFICE_DESCRIPTION "HR, Sales and Marketing planning functions and sidebar for LibreOffice Calc
 The alignkit extension for every user of the machine: spreadsheet functions
 (funnel budgets, ramp and capacity, turnover cost, goal allocation, hiring
 plans), five sidebar panels, and workbooks that follow the team's published
 planning templates.")

set(CPACK_DEBIAN_POSTGRESQL_PACKAGE_NAME postgresql-15-alignkit)
set(CPACK_DEBIAN_POSTGRESQL_PACKAGE_SECTION database)
set(CPACK_DEBIAN_POSTGRESQL_PACKAGE_DEPENDS "postgresql-15")
set(CPACK_COMPONENT_POSTGRESQL_DESCRIPTION "HR, Sales and Marketing planning functions for PostgreSQL 15
 The alignkit extension (CREATE EXTENSION alignkit): the same planning
 functions in SQL, aggregates and a quota-allocation window, and the team's
 published templates read from the template service's PostgreSQL store.")
include(CPack)
