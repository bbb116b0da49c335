app_name = "shareloc"
urlpatterns = []
