# Print packs (booklets, leaflets, posters). A campaign may override any of them.

print-contents = Contents
# Under the QR code of a printed page.
print-scan = Scan the code to read this page online, in { $language }.
# Beside the QR code on a booklet's cover.
print-scan-home = Scan the code to open the website in { $language }.
# The alternative text of a QR code, read by screen readers.
print-qr-alt = QR code linking to { $url }
print-latest-review = The facts in this booklet were last checked on { $date }.
