# Textos de la interfaz del tema predeterminado. Una campaña puede reemplazar cualquiera de ellos en locales/<locale>/*.ftl.

# El nombre de este idioma, escrito en este idioma (se muestra en el selector de idioma).
locale-name = Español

skip-to-content = Ir al contenido principal
site-navigation = Sitio
nav-home = Inicio
nav-partners = Socios
nav-status = Estado de las traducciones
language-switcher = Elegir un idioma
language-switcher-current = { $language } (idioma actual)
breadcrumb = Usted está aquí

home-stages-heading = Información para cada etapa de su viaje
home-stage-empty = Todavía no hay ninguna página para esta etapa.
home-all-topics = Todos los temas

stage-before-departure = Antes de salir
stage-in-transit = Durante el viaje
stage-at-destination = Al llegar
stage-return = El regreso

audience-women = Mujeres
audience-men = Hombres
audience-youth = Jóvenes
audience-children = Niñas y niños
audience-persons-with-disabilities = Personas con discapacidad
audience-older-people = Personas mayores

section-page-count =
    { $count ->
        [one] Una página en esta sección
        [many] { $count } de páginas en esta sección
       *[other] { $count } páginas en esta sección
    }

page-stages = Etapas de la migración
page-audiences = Para quién es
page-reviewed = Datos comprobados el { $date }
page-review-by = Próxima comprobación a más tardar el { $date }
page-sources = De dónde viene esta información
page-translations = Esta página en otros idiomas

fallback-notice = Esta página aún no está disponible en { $language }. Se muestra en { $source } hasta que la traducción esté lista.

credits-heading = Hecho con
credits-campaign = Socios de la campaña
partner-logo-alt = Logotipo de { $name }

partners-title = Nuestros socios
partners-intro = Esta campaña se hace junto con organizaciones de todos los sectores de la sociedad.
partner-kind-migrants = Organizaciones de personas migrantes
partner-kind-civil-society = Sociedad civil
partner-kind-faith-based = Organizaciones religiosas
partner-kind-trade-union = Sindicatos
partner-kind-diaspora = Organizaciones de la diáspora
partner-kind-private-sector = Empresas y sector privado
partner-kind-local-authority = Autoridades locales
partner-kind-parliament = Parlamentos
partner-kind-human-rights-institution = Instituciones de derechos humanos
partner-kind-media = Medios de comunicación
partner-kind-red-cross-red-crescent = Cruz Roja y Media Luna Roja
partner-kind-academia = Universidades e investigación
partner-kind-government = Gobierno
partner-kind-international-organisation = Organizaciones internacionales

not-found-title = Página no encontrada
not-found-body = No hemos encontrado esta página. Es posible que se haya movido.
not-found-home = Ir a la página de inicio

choose-language-title = Elija su idioma
footer-built-with = Hecho con Herald

nav-search = Buscar

## The search page (works offline, from a USB stick or a phone).
search-title = Buscar en este sitio
search-label = Palabras que busca
search-button = Buscar
search-prompt = Escriba una o varias palabras. La búsqueda funciona sin conexión a internet.
search-results =
    { $count ->
        [one] Una página coincide
        [many] { $count } de páginas coinciden
       *[other] { $count } páginas coinciden
    }
search-empty = Ninguna página coincide con estas palabras. Pruebe con menos palabras o con palabras más cortas, o mire la lista de todas las páginas más abajo.
search-no-js = La búsqueda necesita JavaScript, que está desactivado en este navegador. Todas las páginas aparecen más abajo: la función «Buscar en la página» de su navegador recorre la lista.
search-all-pages =
    { $count ->
        [one] La única página de este sitio
        [many] Las { $count } de páginas de este sitio
       *[other] Las { $count } páginas de este sitio
    }

## HOSTING.html, the hosting guide inside each bundle.
hosting-title = Cómo alojar «{ $campaign }»
hosting-intro =
    Esta carpeta es una copia completa del sitio web de la campaña en { $languages }, con { $pages ->
        [one] una página
        [many] { $pages } de páginas
       *[other] { $pages } páginas
    }. No necesita base de datos, ni PHP, ni conexión a internet.
hosting-upload-heading = Publicarlo en internet
hosting-upload-unzip = Descomprima el archivo. Deje la carpeta como está: no cambie el nombre ni mueva los archivos que contiene.
hosting-upload-copy = Suba la carpeta entera a su alojamiento web (con su gestor de archivos o por FTP), a cualquier carpeta de su sitio, por ejemplo /campana/.
hosting-upload-open = En un navegador, abra la dirección de esa carpeta seguida de index.html, por ejemplo https://su-sitio.example/campana/index.html.
hosting-offline-heading = Sin internet
hosting-offline-body = La carpeta también funciona desde una memoria USB, una tarjeta de memoria o un teléfono: abra index.html en un navegador. La búsqueda también funciona sin conexión.
hosting-service-worker = Cuando las páginas se sirven por https, el navegador de los lectores las guarda después de la primera visita, para que puedan volver a leerlas sin conexión.
hosting-check-heading = Comprobar los archivos
hosting-check-body = MANIFEST.sha256 contiene una suma de comprobación de cada archivo. En una terminal, en esta carpeta, ejecute la orden de abajo: cada línea debe terminar en OK. Si un archivo aparece como cambiado o ausente, descargue el paquete de nuevo.
hosting-check-windows = En Windows, PowerShell muestra la suma de comprobación de un archivo con esta orden; compárela con su línea en MANIFEST.sha256:
hosting-update = Cuando se publique una nueva versión, compare su MANIFEST.sha256 con este: si los dos archivos son idénticos, no ha cambiado nada.
hosting-contact-heading = Preguntas
hosting-contact = Escriba a { $email }.
hosting-licence-heading = Licencia
hosting-credits-heading = Hecho con
hosting-credits-intro = Esta campaña se hace junto con estas organizaciones. Al alojarla, conserve sus nombres y sus logotipos.
hosting-open-site = Abrir el sitio web
