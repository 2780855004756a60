# Textos de toda la campaña «Una migración segura empieza con información».
# Mantenga { $number }, { $email } y { $count } exactamente como están.

campaign-title = Una migración segura empieza con información
campaign-tagline = Información fiable y gratuita para cada etapa de su viaje.
campaign-contact = ¿Tiene preguntas? Escriba a { $email }.
campaign-licence = Texto bajo licencia Creative Commons Atribución 4.0 (CC BY 4.0).
hotline = Línea de ayuda gratuita: { $number } (número de ejemplo), las 24 horas del día.
pages-updated =
    { $count ->
        [one] Se actualizó una página este mes.
        [many] Se actualizaron { $count } de páginas este mes.
       *[other] Se actualizaron { $count } páginas este mes.
    }
