"""The rules. Importing this package registers every rule: each module below it (sub-packages
included) is found and imported, so a new rule is one new file here, no list to edit."""
import importlib
import pkgutil


def _import_all(package_name: str, path) -> None:
    for info in sorted(pkgutil.walk_packages(path, package_name + "."), key=lambda i: i.name):
        importlib.import_module(info.name)


_import_all(__name__, __path__)
