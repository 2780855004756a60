# Print packs (booklets, leaflets, posters). A campaign may override any of them.

print-contents = Índice
# Under the QR code of a printed page.
print-scan = Escanee el código para leer esta página en internet ({ $language }).
# Beside the QR code on a booklet's cover.
print-scan-home = Escanee el código para abrir el sitio web ({ $language }).
# The alternative text of a QR code, read by screen readers.
print-qr-alt = Código QR que lleva a { $url }
print-latest-review = La información de este folleto se verificó por última vez el { $date }.
