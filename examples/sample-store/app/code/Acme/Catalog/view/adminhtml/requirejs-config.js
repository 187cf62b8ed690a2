var config = {
    config: {
        mixins: {
            'jquery/fileUploader/jquery.fileupload': {
                'Acme_Catalog/js/fileupload-mixin': true
            }
        }
    }
};
