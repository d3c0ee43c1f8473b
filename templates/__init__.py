"""The shipped templates; pyproject maps this folder to the package `digest.templates` so an installed digest finds them."""
