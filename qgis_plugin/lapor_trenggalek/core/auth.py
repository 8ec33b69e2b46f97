"""The API token lives in QGIS's authentication database (encrypted with the user's master password), never in
project files or plain settings: settings keep only the id of the authentication configuration."""

from qgis.core import QgsApplication, QgsAuthMethodConfig

from ..i18n import tr

CONFIG_NAME = "Lapor Trenggalek"


class AuthError(Exception):
    pass


def token_store(*, server: str, username: str, token: str, authcfg: str | None = None) -> str:
    """Save (or update) the token for this server and user; returns the configuration id to remember."""
    manager = QgsApplication.authManager()
    if not manager.setMasterPassword(True):
        raise AuthError(tr("The QGIS master password is needed to keep the token safely."))
    config = QgsAuthMethodConfig("Basic")
    if authcfg:
        manager.loadAuthenticationConfig(authcfg, config, True)
        config.setMethod("Basic")
    config.setName(f"{CONFIG_NAME} ({username})")
    config.setUri(server)
    config.setConfig("username", username)
    config.setConfig("password", token)
    ok = manager.updateAuthenticationConfig(config) if config.id() else manager.storeAuthenticationConfig(config)[0]
    if not ok:
        raise AuthError(tr("The token could not be saved in the QGIS authentication database."))
    return config.id()


def token_load(authcfg: str) -> tuple[str, str, str] | None:
    """(server, username, token) saved under this id, or None."""
    if not authcfg:
        return None
    manager = QgsApplication.authManager()
    config = QgsAuthMethodConfig()
    if not manager.loadAuthenticationConfig(authcfg, config, True) or not config.config("password"):
        return None
    return config.uri(), config.config("username"), config.config("password")


def token_forget(authcfg: str) -> None:
    if authcfg:
        QgsApplication.authManager().removeAuthenticationConfig(authcfg)
