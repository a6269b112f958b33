# Installation and the Debian package (`make package`): atelier-server and the atelier command
# in /usr/bin, the built web app in /usr/share/atelier/web (the installed server serves it by
# default, found next to its binary: ../share/atelier/web), the configuration
# /etc/atelier/atelier.conf (a conffile), the systemd unit, and the maintainer scripts that
# make the service's user. The web app must be built first (`make web`); the Makefile's
# `package` target does it.
include(GNUInstallDirs)

install(TARGETS atelier-server atelier RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/clients/web/dist/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/atelier/web)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/atelier.conf DESTINATION /etc/atelier
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/systemd/atelier.service
        DESTINATION /lib/systemd/system)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/donnees-personnelles.md
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/atelier-server)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME atelier-server)
set(CPACK_PACKAGE_VENDOR "Atelier")
set(CPACK_PACKAGE_CONTACT "Atelier <atelier@invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "real-time workshop server for collective intelligence (ideation, evaluation)")
set(CPACK_PACKAGE_DESCRIPTION
    "Atelier runs participatory workshops: tables post ideas on shared tablets, spend a points\n"
    "budget on the best ones, score ideas against criteria; an animateur merges duplicates\n"
    "live; observers watch the results grow. Every event is durable and hash-chained.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "nginx")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/deploy/debian/postinst ${PROJECT_SOURCE_DIR}/deploy/debian/prerm
    ${PROJECT_SOURCE_DIR}/deploy/debian/postrm ${PROJECT_SOURCE_DIR}/deploy/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
