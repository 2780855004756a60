# Print packs (booklets, leaflets, posters). A campaign may override any of them.

print-contents = المحتويات
# Under the QR code of a printed page.
print-scan = امسح الرمز لقراءة هذه الصفحة على الإنترنت باللغة { $language }.
# Beside the QR code on a booklet's cover.
print-scan-home = امسح الرمز لفتح الموقع باللغة { $language }.
# The alternative text of a QR code, read by screen readers.
print-qr-alt = رمز QR يؤدي إلى { $url }
print-latest-review = تم التحقق من المعلومات الواردة في هذا الكتيّب آخر مرة في { $date }.
