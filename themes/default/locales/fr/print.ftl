# Print packs (booklets, leaflets, posters). A campaign may override any of them.

print-contents = Sommaire
# Under the QR code of a printed page.
print-scan = Scannez le code pour lire cette page en ligne ({ $language }).
# Beside the QR code on a booklet's cover.
print-scan-home = Scannez le code pour ouvrir le site ({ $language }).
# The alternative text of a QR code, read by screen readers.
print-qr-alt = Code QR menant à { $url }
print-latest-review = Les informations de ce livret ont été vérifiées pour la dernière fois le { $date }.
