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

nav-search = البحث

## The search page (works offline, from a USB stick or a phone).
search-title = البحث في هذا الموقع
search-label = الكلمات التي تبحث عنها
search-button = ابحث
search-prompt = اكتب كلمة أو أكثر. يعمل البحث دون اتصال بالإنترنت.
search-results =
    { $count ->
        [zero] لا توجد صفحات مطابقة
        [one] صفحة واحدة مطابقة
        [two] صفحتان مطابقتان
        [few] { $count } صفحات مطابقة
        [many] { $count } صفحة مطابقة
       *[other] { $count } صفحة مطابقة
    }
search-empty = لا توجد صفحة تطابق هذه الكلمات. جرّب كلمات أقل أو أقصر، أو تصفّح قائمة كل الصفحات أدناه.
search-no-js = يحتاج البحث إلى JavaScript، وهي معطّلة في هذا المتصفح. كل الصفحات مذكورة في القائمة أدناه: يمكنك البحث فيها بأداة «البحث في الصفحة» في متصفحك.
search-all-pages =
    { $count ->
        [zero] لا توجد صفحات في هذا الموقع
        [one] الصفحة الوحيدة في هذا الموقع
        [two] صفحتا هذا الموقع
        [few] كل صفحات هذا الموقع ({ $count })
        [many] كل صفحات هذا الموقع ({ $count })
       *[other] كل صفحات هذا الموقع ({ $count })
    }

## HOSTING.html, the hosting guide inside each bundle.
hosting-title = كيف تستضيف «{ $campaign }»
hosting-intro =
    هذا المجلد نسخة كاملة من موقع الحملة باللغات التالية: { $languages }. { $pages ->
        [zero] لا يضم أي صفحة
        [one] يضم صفحة واحدة
        [two] يضم صفحتين
        [few] يضم { $pages } صفحات
        [many] يضم { $pages } صفحة
       *[other] يضم { $pages } صفحة
    }. لا يحتاج إلى قاعدة بيانات ولا إلى PHP ولا إلى اتصال بالإنترنت.
hosting-upload-heading = نشره على الإنترنت
hosting-upload-unzip = فكّ ضغط الملف. اترك المجلد كما هو: لا تغيّر أسماء الملفات التي فيه ولا تنقلها.
hosting-upload-copy = ارفع المجلد كله إلى خادم موقعك (بمدير الملفات أو عبر FTP)، في أي مجلد من موقعك، مثلًا /campaign/.
hosting-upload-open = افتح في المتصفح عنوان هذا المجلد متبوعًا بـ index.html، مثلًا https://your-site.example/campaign/index.html.
hosting-offline-heading = دون إنترنت
hosting-offline-body = يعمل المجلد أيضًا من ذاكرة USB أو بطاقة ذاكرة أو هاتف: افتح index.html في متصفح. والبحث يعمل أيضًا دون اتصال.
hosting-service-worker = عندما تُقدَّم الصفحات عبر https، يحتفظ بها متصفح القارئ بعد الزيارة الأولى، فيستطيع قراءتها مجددًا دون اتصال.
hosting-check-heading = التحقق من الملفات
hosting-check-body = يضم الملف MANIFEST.sha256 بصمة تحقق لكل ملف. في نافذة الأوامر، داخل هذا المجلد، نفّذ الأمر أدناه: يجب أن ينتهي كل سطر بـ OK. إذا ظهر أن ملفًا تغيّر أو فُقد، فنزّل الحزمة من جديد.
hosting-check-windows = في Windows، يعرض PowerShell بصمة ملف واحد بهذا الأمر؛ قارنها بسطرها في MANIFEST.sha256:
hosting-update = عند نشر نسخة جديدة، قارن ملف MANIFEST.sha256 الخاص بها بهذا الملف: إذا كان الملفان متطابقين، فلم يتغيّر شيء.
hosting-contact-heading = أسئلة
hosting-contact = راسلنا على { $email }.
hosting-licence-heading = الترخيص
hosting-credits-heading = أُعدّت بالتعاون مع
hosting-credits-intro = أُعدّت هذه الحملة بالتعاون مع هؤلاء الشركاء. نرجو الإبقاء على أسمائهم وشعاراتهم عند استضافتها.
hosting-open-site = افتح الموقع
