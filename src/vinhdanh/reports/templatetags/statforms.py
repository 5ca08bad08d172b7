from django import template

register = template.Library()


@register.filter
def zip_columns(values, columns):
    return zip(columns, values, strict=True)
