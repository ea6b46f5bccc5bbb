"""The maths: the accurate sigmoid, each activation's kernel, the catalogue (names,
formulas, kinks: data) and the checked public ``evaluate``. No matplotlib; the catalogue
and the errors import no numpy either, so ``--help`` stays light."""
