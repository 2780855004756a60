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
