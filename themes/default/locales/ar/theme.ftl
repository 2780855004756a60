# نصوص واجهة السمة الافتراضية. يمكن للحملة أن تستبدل أيًّا منها في locales/<locale>/*.ftl.

# اسم هذه اللغة مكتوبًا بهذه اللغة (يظهر في أداة اختيار اللغة).
locale-name = العربية

skip-to-content = الانتقال إلى المحتوى الرئيسي
site-navigation = الموقع
nav-home = الصفحة الرئيسية
nav-partners = الشركاء
nav-status = حالة الترجمة
language-switcher = اختر لغة
language-switcher-current = { $language } (اللغة الحالية)
breadcrumb = أنت هنا

home-stages-heading = معلومات لكل مرحلة من مراحل رحلتك
home-stage-empty = لا توجد صفحة لهذه المرحلة بعد.
home-all-topics = كل المواضيع

stage-before-departure = قبل السفر
stage-in-transit = في الطريق
stage-at-destination = عند الوصول
stage-return = العودة إلى الوطن

audience-women = النساء
audience-men = الرجال
audience-youth = الشباب
audience-children = الأطفال
audience-persons-with-disabilities = الأشخاص ذوو الإعاقة
audience-older-people = كبار السن

section-page-count =
    { $count ->
        [zero] لا توجد صفحات في هذا القسم
        [one] صفحة واحدة في هذا القسم
        [two] صفحتان في هذا القسم
        [few] { $count } صفحات في هذا القسم
        [many] { $count } صفحة في هذا القسم
       *[other] { $count } صفحة في هذا القسم
    }

page-stages = مراحل الهجرة
page-audiences = موجّهة إلى
page-reviewed = تم التحقق من المعلومات في { $date }
page-review-by = موعد التحقق القادم قبل { $date }
page-sources = مصادر هذه المعلومات
page-translations = هذه الصفحة بلغات أخرى

fallback-notice = هذه الصفحة غير مترجمة إلى { $language } بعد. وهي معروضة باللغة { $source } إلى أن تصبح الترجمة جاهزة.

credits-heading = أُعدّت بالتعاون مع
credits-campaign = شركاء الحملة
partner-logo-alt = شعار { $name }

partners-title = شركاؤنا
partners-intro = أُعدّت هذه الحملة بالتعاون مع منظمات من جميع فئات المجتمع.
partner-kind-migrants = منظمات المهاجرين
partner-kind-civil-society = المجتمع المدني
partner-kind-faith-based = المنظمات الدينية
partner-kind-trade-union = النقابات العمالية
partner-kind-diaspora = منظمات المغتربين
partner-kind-private-sector = أصحاب العمل والقطاع الخاص
partner-kind-local-authority = السلطات المحلية
partner-kind-parliament = البرلمانات
partner-kind-human-rights-institution = مؤسسات حقوق الإنسان
partner-kind-media = وسائل الإعلام
partner-kind-red-cross-red-crescent = الصليب الأحمر والهلال الأحمر
partner-kind-academia = الجامعات ومراكز البحث
partner-kind-government = الحكومة
partner-kind-international-organisation = المنظمات الدولية

not-found-title = الصفحة غير موجودة
not-found-body = لم نجد هذه الصفحة. ربما نُقلت إلى مكان آخر.
not-found-home = الانتقال إلى الصفحة الرئيسية

choose-language-title = اختر لغتك
footer-built-with = أُنشئ باستخدام Herald
