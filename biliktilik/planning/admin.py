from django.contrib import admin

from biliktilik.org.admin import SystemAdministratorAdmin

from .models import PlanningCalendar


@admin.register(PlanningCalendar)
class PlanningCalendarAdmin(SystemAdministratorAdmin):
    list_display = ["organisation", "plan_due_day", "plan_due_month"]
    autocomplete_fields = ["organisation"]
