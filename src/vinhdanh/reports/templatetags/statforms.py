from django import template

register = template.Library()


@register.filter
def zip_columns(values, columns):
    return zip(columns, values, strict=True)


@register.filter
def pct(value) -> str:
    """12.5 → "12,5%" (shares are kept in per cent with one decimal)."""
    if value in (None, ""):
        return ""
    return f"{float(value):.1f}%".replace(".", ",")


@register.filter
def get_cell(cells, key):
    return (cells or {}).get(key, 0)
